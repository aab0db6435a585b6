package com.alphaleak.training.fit;

import com.alphaleak.training.data.SplitMatrices;
import com.alphaleak.training.data.SyntheticMatrices;
import com.alphaleak.training.lightgbm.EarlyStoppingTrainer;
import com.alphaleak.training.lightgbm.LightGbmParams;
import com.alphaleak.training.lightgbm.NativeBooster;
import com.alphaleak.training.search.BoosterTrial;
import com.alphaleak.training.search.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoosterAverageTest {
    private static final SplitMatrices DATA = SyntheticMatrices.of(11, 3000, 1200, 6, 0.1);
    // Different shapes, rates and sampling, so the members' trees and iteration counts differ.
    private static final List<Map<String, Object>> PARAMS = List.of(
            Map.of("num_leaves", 7, "learning_rate", 0.2, "min_child_samples", 20),
            Map.of("num_leaves", 31, "learning_rate", 0.05, "min_child_samples", 10, "feature_fraction", 0.7),
            Map.of("num_leaves", 15, "learning_rate", 0.1, "bagging_fraction", 0.8, "bagging_freq", 1, "lambda_l2", 1.0));

    private static String train(Map<String, Object> params) {
        return EarlyStoppingTrainer.train(DATA, LightGbmParams.binary(5, 1, 1.0).setAll(params).toString(), 80, 15, true).modelText();
    }

    private static double[] margins(String model) {
        try (NativeBooster b = NativeBooster.fromModelString(model)) {
            return b.predictMargins(DATA.validation(), 0, 1);
        }
    }

    @Test
    void theAveragedModelScoresTheMeanOfItsMembersMarginsInLightGbm() {
        List<String> members = PARAMS.stream().map(BoosterAverageTest::train).toList();
        String merged = BoosterAverage.of(members);
        double[] got = margins(merged);
        double[] want = new double[got.length];
        int trees = 0;
        for (String m : members) {
            double[] x = margins(m);
            for (int i = 0; i < want.length; i++) want[i] += x[i] / members.size();
            trees += FinalModelTrainer.treeCount(m);
        }
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-12, "row " + i);
        assertEquals(trees, FinalModelTrainer.treeCount(merged), "every member's trees, renumbered");
        assertTrue(merged.contains("\ntree_sizes="), "LightGBM loads trees in parallel from tree_sizes; the export checks it");
        assertEquals(merged, BoosterAverage.of(members), "deterministic");
    }

    @Test
    void crossEntropyMembersOfSoftTargetsAverageTooButNotMixedWithBinaryOnes() {
        SplitMatrices soft = SyntheticMatrices.softened(DATA, 0.2);
        List<String> members = new ArrayList<>();
        for (Map<String, Object> p : PARAMS.subList(0, 2)) {
            members.add(EarlyStoppingTrainer.train(soft, LightGbmParams.forRows(5, 1, 1.0, true).setAll(p).toString(), 80, 15, true)
                    .modelText());
        }
        assertTrue(members.get(0).contains("\nobjective=cross_entropy\n"), "LightGBM names the objective so");
        double[] got = margins(BoosterAverage.of(members));
        double[] a = margins(members.get(0)), b = margins(members.get(1));
        for (int i = 0; i < got.length; i++) assertEquals((a[i] + b[i]) / 2, got[i], 1e-12, "row " + i);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoosterAverage.of(List.of(members.get(0), train(PARAMS.get(0)))));
        assertTrue(e.getMessage().startsWith("member 1: objective=binary sigmoid:1 differs from member 0's cross_entropy"), e.getMessage());
    }

    @Test
    void oneMemberIsTheModelItself() {
        String one = train(PARAMS.get(0));
        assertSame(one, BoosterAverage.of(List.of(one)));
    }

    @Test
    void modelsOfOtherFeaturesOrATruncatedModelAreRefusedNamingTheMember() {
        String a = train(PARAMS.get(0));
        String renamed = a.replace("feature_names=", "feature_names=x_");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoosterAverage.of(List.of(a, renamed)));
        assertTrue(e.getMessage().startsWith("member 1: feature_names differ"), e.getMessage());
        String truncated = a.substring(0, a.indexOf("end of trees"));
        e = assertThrows(IllegalArgumentException.class, () -> BoosterAverage.of(List.of(a, a, truncated)));
        assertTrue(e.getMessage().startsWith("member 2: no 'end of trees'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoosterAverage.of(List.of()));
    }

    @Test
    void anEnsembleFinalModelRecordsItsMembersAndComparesWithTheBestTrial() {
        BoosterTrial trial = new BoosterTrial(5, 1, 1.0, 80, 15);
        List<TrialResult> members = new ArrayList<>();
        for (int i = 0; i < PARAMS.size(); i++) {
            String text = train(PARAMS.get(i));
            members.add(new TrialResult(i, PARAMS.get(i), TrialResult.Status.COMPLETE, 0.5 - i * 0.01, 10 + i, 20 + i, 100,
                    "driver", 1, null, "sha", 0, List.of(), text));
        }
        FinalModel fm = FinalModelTrainer.ofEnsemble(DATA, members, trial);
        assertEquals(BoosterAverage.of(members.stream().map(TrialResult::modelText).toList()), fm.modelText());
        assertEquals(List.of(0, 1, 2), fm.members().stream().map(TrialResult::number).toList());
        assertTrue(fm.members().stream().allMatch(t -> t.modelText() == null), "provenance without the texts");
        assertEquals(0, fm.bestTrial().number());
        assertEquals(fm.validation().prAuc() - 0.5, fm.gap(), 1e-12);
        assertEquals(300, fm.fitMillis());
        assertTrue(fm.gapExplanation().contains("margin average of the 3 best trials"), fm.gapExplanation());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FinalModelTrainer.ofEnsemble(DATA, List.of(members.get(0), members.get(1).withoutModel()), trial));
        assertTrue(e.getMessage().contains("trial 1 kept no model text"), e.getMessage());
    }
}
