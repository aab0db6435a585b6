package com.alphaleak.publish;

import com.alphaleak.publish.ChampionGate.Decision;
import com.alphaleak.publish.ChampionGate.GateInput;
import com.alphaleak.publish.ChampionGate.Tolerances;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChampionGateTest {

    private final ChampionGate gate = new ChampionGate();

    @Test
    void defaultsAreOnePointPrAucAndTwoPointsEce() {
        assertEquals(new Tolerances(0.01, 0.02), gate.tolerances());
        assertThrows(IllegalArgumentException.class, () -> new Tolerances(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerances(0, Double.NaN));
    }

    @Test
    void noChampionPromotes() {
        Decision d = gate.decide(GateInput.noChampion(0.2, 0.05, 1000, "w"));
        assertTrue(d.promote());
        assertTrue(d.reason().startsWith("no current model"), d.reason());
    }

    @Test
    void withinTolerancePromotes() {
        assertTrue(gate.decide(GateInput.of(0.395, 0.045, "c", 0.40, 0.03, 1000, "w")).promote());
        assertTrue(gate.decide(GateInput.of(0.50, 0.01, "c", 0.40, 0.03, 1000, "w")).promote());
        // exactly at the tolerance is not "more than" it
        assertTrue(gate.decide(GateInput.of(0.375, 0.05, "c", 0.375 + 0.0, 0.03, 1000, "w")).promote());
        assertTrue(new ChampionGate(new Tolerances(0.25, 0.5)).decide(GateInput.of(0.25, 0.5, "c", 0.5, 0.0, 1, "w")).promote());
    }

    @Test
    void prAucDropBeyondToleranceRefuses() {
        Decision d = gate.decide(GateInput.of(0.38, 0.03, "m-7", 0.40, 0.03, 1234, "2026-01-19..2026-01-20"));
        assertFalse(d.promote());
        assertEquals("worse than current model m-7 on newest validation window 2026-01-19..2026-01-20 (1234 rows): "
                + "PR-AUC 0.3800 < champion 0.4000 - tolerance 0.0100", d.reason());
    }

    @Test
    void eceRiseBeyondToleranceRefusesAndBothReasonsAreGiven() {
        Decision ece = gate.decide(GateInput.of(0.40, 0.06, "c", 0.40, 0.03, 10, "w"));
        assertFalse(ece.promote());
        assertTrue(ece.reason().endsWith("ECE 0.0600 > champion 0.0300 + tolerance 0.0200"), ece.reason());
        Decision both = gate.decide(GateInput.of(0.30, 0.06, "c", 0.40, 0.03, 10, "w"));
        assertTrue(both.reason().contains("PR-AUC 0.3000 < champion") && both.reason().contains("; ECE 0.0600 >"),
                both.reason());
    }

    @Test
    void missingMetricsOrEmptyWindowRefuse() {
        assertFalse(gate.decide(GateInput.of(Double.NaN, 0.03, "c", 0.4, 0.03, 10, "w")).promote());
        assertFalse(gate.decide(GateInput.of(0.5, Double.POSITIVE_INFINITY, "c", 0.4, 0.03, 10, "w")).promote());
        Decision empty = gate.decide(GateInput.of(0.5, 0.01, "c", 0.4, 0.03, 0, "w"));
        assertFalse(empty.promote());
        assertEquals("the validation window is empty", empty.reason());
        // A champion without metrics cannot block a candidate that has them.
        assertTrue(gate.decide(GateInput.of(0.5, 0.01, "c", Double.NaN, Double.NaN, 10, "w")).promote());
    }
}
