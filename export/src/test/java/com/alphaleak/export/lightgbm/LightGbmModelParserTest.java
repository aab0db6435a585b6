package com.alphaleak.export.lightgbm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LightGbmModelParserTest {
    /** Two trees: numerical splits with each missing type and default side, a categorical split, a single leaf. */
    static final String MODEL = """
            tree
            version=v4
            num_class=1
            num_tree_per_iteration=1
            label_index=0
            max_feature_idx=2
            objective=binary sigmoid:1
            feature_names=alpha_score is_bot lifecycle_state
            feature_infos=[0:100] [0:1] 0:1:2:3

            Tree=0
            num_leaves=4
            num_cat=1
            split_feature=0 1 2
            split_gain=1 1 1
            threshold=50.000000000000007 1.0000000180025095e-35 0
            decision_type=10 6 9
            left_child=1 -1 -3
            right_child=2 -2 -4
            leaf_value=-0.5 0.25 1.5 -1
            cat_boundaries=0 1
            cat_threshold=10
            is_linear=0
            shrinkage=0.1

            Tree=1
            num_leaves=1
            num_cat=0
            leaf_value=0.125
            is_linear=0
            shrinkage=1

            end of trees
            """;

    @Test
    void parsesHeaderTreesAndEveryDecisionTypeBit() {
        LightGbmModel m = LightGbmModelParser.parse(MODEL);
        assertEquals(3, m.numFeatures());
        assertEquals(java.util.List.of("alpha_score", "is_bot", "lifecycle_state"), m.featureNames());
        LightGbmTree t = m.trees().get(0);
        assertTrue(LightGbmTree.defaultLeft(10) && LightGbmTree.missingType(10) == LightGbmTree.MISSING_NAN);
        assertTrue(LightGbmTree.defaultLeft(6) && LightGbmTree.missingType(6) == LightGbmTree.MISSING_ZERO);
        assertTrue(LightGbmTree.isCategorical(9) && LightGbmTree.missingType(9) == LightGbmTree.MISSING_NAN);
        assertEquals(java.util.List.of(1, 3), java.util.Arrays.stream(t.categories(2)).boxed().toList(), "bitset 10 = {1, 3}");
        assertEquals(1, m.trees().get(1).numLeaves());
    }

    @Test
    void referenceEvaluatorFollowsLightGbmsMissingValueRules() {
        LightGbmModel m = LightGbmModelParser.parse(MODEL);
        double nan = Double.NaN;
        assertEquals(-0.5 + 0.125, m.predictMargin(new double[]{nan, 1e-40, 0}), "NaN default-left; zero default-left");
        assertEquals(0.25 + 0.125, m.predictMargin(new double[]{10, 1e-3, 0}), "1e-3 > zero threshold goes right");
        assertEquals(1.5 + 0.125, m.predictMargin(new double[]{60, 0, 3.9}), "categorical 3.9 is category 3");
        assertEquals(-1 + 0.125, m.predictMargin(new double[]{60, 0, nan}), "categorical NaN with NaN missing type goes right");
        assertEquals(-1 + 0.125, m.predictMargin(new double[]{60, 0, -1}), "negative category goes right");
        assertEquals(-1 + 0.125, m.predictMargin(new double[]{60, 0, 1e12}), "beyond int range goes right");
        assertEquals(1.5 + 0.125, m.predictMargin(new double[]{60, 0, 1}));
        assertFalse(m.trees().get(0).goesLeft(0, Math.nextUp(50.000000000000007)));
        assertTrue(m.trees().get(0).goesLeft(0, 50.000000000000007), "x <= threshold is inclusive");
    }

    @Test
    void unsupportedModelsAreRefusedWithAReason() {
        assertRefused(MODEL.replace("num_class=1", "num_class=3"), "multiclass");
        assertRefused(MODEL.replace("is_linear=0\nshrinkage=0.1", "is_linear=1\nshrinkage=0.1"), "linear trees");
        assertRefused(MODEL.replace("objective=binary sigmoid:1", "objective=regression"), "only binary");
        assertRefused(MODEL.replace("leaf_value=-0.5 0.25 1.5 -1", "leaf_value=-0.5 0.25"), "2 leaf values for 4 leaves");
        assertRefused("{\"not\": \"a model\"}", "not a LightGBM text model");
    }

    private static void assertRefused(String text, String fragment) {
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> LightGbmModelParser.parse(text));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
