package com.alphaleak.training.lightgbm;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LightGbmParamsTest {
    @Test
    void aRepeatedKeyIsReplacedNotAppendedBecauseLightGbmKeepsTheFirst() {
        String s = LightGbmParams.binary(1, 1, 3.0).set("scale_pos_weight", 9.5).toString();
        assertEquals(1, s.split("scale_pos_weight=", -1).length - 1);
        assertTrue(s.contains("scale_pos_weight=9.5"));
    }

    @Test
    void baggingFractionBelowOneSwitchesBaggingOn() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bagging_fraction", 0.7);
        assertTrue(LightGbmParams.binary(1, 1, 1).setAll(p).toString().contains("bagging_freq=1"));
        p.put("bagging_fraction", 1.0);
        assertTrue(!LightGbmParams.binary(1, 1, 1).setAll(p).toString().contains("bagging_freq"));
    }

    @Test
    void doublesRoundTrip() {
        double v = 0.1 + 0.2;
        String s = LightGbmParams.binary(1, 1, 1).set("learning_rate", v).toString();
        assertEquals(v, Double.parseDouble(s.replaceAll(".*learning_rate=(\\S+).*", "$1")));
    }

    @Test
    void refusesANonPositiveScalePosWeight() {
        assertThrows(IllegalArgumentException.class, () -> LightGbmParams.binary(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> LightGbmParams.binary(1, 1, Double.NaN));
    }
}
