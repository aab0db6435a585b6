package com.alphaleak.training.data;

import com.alphaleak.config.AlphaLeakConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeakLabelTest {
    private static final PeakLabel FIVE_X = new PeakLabel("peak_multiple_24h", 5.0, 0.3);

    @Test
    void isOneHalfAtTheMultipleAndOrdersPeaksAsTheZeroOneLabelDoes() {
        assertEquals(0.5f, FIVE_X.of(5.0), 1e-7f);
        assertEquals(1 / (1 + Math.exp(Math.log(5.0 / 4.0) / 0.3)), FIVE_X.of(4.0), 1e-6, "a near miss");
        assertEquals(1 / (1 + Math.exp(Math.log(5.0) / 0.3)), FIVE_X.of(1.0), 1e-6, "a flat token");
        Random r = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            double a = Math.exp(r.nextGaussian() * 1.5), b = Math.exp(r.nextGaussian() * 1.5);
            if (a < b) assertTrue(FIVE_X.of(a) <= FIVE_X.of(b), a + " vs " + b);
            assertEquals(a >= 5.0, FIVE_X.of(a) >= 0.5f || a >= 5.0 && FIVE_X.of(a) == 0.5f, "on the label's side of 0.5: " + a);
            assertTrue(FIVE_X.agrees(a, a >= 5.0 ? 1 : 0) && !FIVE_X.agrees(a, a >= 5.0 ? 0 : 1));
        }
    }

    @Test
    void aPeakThatIsNotAPositiveNumberHasNoSoftLabel() {
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) assertTrue(Float.isNaN(FIVE_X.of(bad)), "" + bad);
        assertThrows(IllegalArgumentException.class, () -> new PeakLabel("p", 1.0, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new PeakLabel("p", 2.0, 0.0));
    }

    @Test
    void theConfigurationNamesModelsAndGenesisModelsCarryTheirPrefix() {
        AlphaLeakConfig.PeakLabel config = new AlphaLeakConfig.PeakLabel(List.of("reach_5x_24h", "genesis_reach_2x_1h"), 0.4);
        Map<String, PeakLabel> signal = PeakLabel.forTargets(config, "signal", List.of("reach_2x_1h", "reach_5x_24h"));
        assertEquals(Map.of("reach_5x_24h", new PeakLabel("peak_multiple_24h", 5.0, 0.4)), signal);
        Map<String, PeakLabel> genesis = PeakLabel.forTargets(config, "genesis", List.of("reach_2x_1h", "reach_5x_24h"));
        assertEquals(Map.of("reach_2x_1h", new PeakLabel("peak_multiple_1h", 2.0, 0.4)), genesis);
    }
}
