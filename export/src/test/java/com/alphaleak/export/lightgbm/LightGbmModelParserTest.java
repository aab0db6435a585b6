package com.alphaleak.export.lightgbm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class LightGbmModelParserTest {
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

    /** boosting=rf as LightGBM writes it: the bare header line average_output; each tree gives 2 at x = 0.5. */
    public static final String RANDOM_FOREST = """
            tree
            version=v4
            num_class=1
            num_tree_per_iteration=1
            label_index=0
            max_feature_idx=0
            objective=binary sigmoid:1
            average_output
            feature_names=x

            Tree=0
            num_leaves=2
            num_cat=0
            split_feature=0
            threshold=0.25
            decision_type=2
            left_child=-1
            right_child=-2
            leaf_value=-1 2
            is_linear=0
            shrinkage=1

            Tree=1
            num_leaves=2
            num_cat=0
            split_feature=0
            threshold=0.75
            decision_type=2
            left_child=-1
            right_child=-2
            leaf_value=2 -3
            is_linear=0
            shrinkage=1

            end of trees
            """;

    @Test
    void randomForestProbabilityIsTheSigmoidOfTheAverageWhileTheRawScoreIsTheSum() {
        LightGbmModel m = LightGbmModelParser.parse(RANDOM_FOREST);
        double[] x = {0.5};
        assertEquals(4.0, m.predictMargin(x), "LightGBM's raw_score of an average_output model is the sum of the trees");
        assertEquals(1 / (1 + Math.exp(-2.0)), m.predictProbability(x), 1e-15, "LightGBM: 0.8808, the sigmoid of the average");
    }

    @Test
    void aCrossEntropyModelHasTheBinaryLogisticLinkWithSigmoidOne() {
        LightGbmModel m = LightGbmModelParser.parse(MODEL.replace("objective=binary sigmoid:1", "objective=cross_entropy"));
        assertEquals(1.0, m.sigmoid(), "cross_entropy's probability is sigmoid(margin)");
        LightGbmModel binary = LightGbmModelParser.parse(MODEL);
        double[] x = {0.5, Double.NaN, 3.0};
        assertEquals(binary.predictMargin(x), m.predictMargin(x));
        assertEquals(binary.predictProbability(x), m.predictProbability(x));
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

    /** MODEL as LightGBM writes it, with the {@code tree_sizes} header line (bytes of each tree block). */
    static String withTreeSizes(String model) {
        int first = model.indexOf("Tree=");
        int end = model.indexOf("end of trees");
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        for (int i = model.indexOf("Tree=", first); i >= 0 && i < end; i = model.indexOf("\nTree=", i + 1)) {
            starts.add(model.charAt(i) == '\n' ? i + 1 : i);
        }
        starts.add(end);
        java.util.StringJoiner sizes = new java.util.StringJoiner(" ");
        for (int i = 0; i + 1 < starts.size(); i++) sizes.add(Integer.toString(starts.get(i + 1) - starts.get(i)));
        return model.substring(0, first) + "tree_sizes=" + sizes + "\n\n" + model.substring(first);
    }

    @Test
    void modelsWithTreeSizesAsLightGbmWritesThemParse() {
        LightGbmModel m = LightGbmModelParser.parse(withTreeSizes(MODEL), "m.txt");
        assertEquals(2, m.trees().size());
    }

    @Test
    void modelCutAtATreeBoundaryIsRefusedNamingFileAndWhatIsMissing() {
        // Cut just before Tree=1: without the end marker, and with one appended (a spliced file).
        String sized = withTreeSizes(MODEL);
        String cut = sized.substring(0, sized.indexOf("Tree=1"));
        assertRefused(cut, "m.txt", "no 'end of trees' line");
        assertRefused(cut + "end of trees\n", "m.txt", "tree_sizes lists 2 trees but the file has 1");
        // A model without tree_sizes (hand-written, or older writers) still needs its end marker.
        String random = new RandomModels(3, 4, 10).text;
        assertRefused(random.substring(0, random.indexOf("Tree=5")), "m.txt", "after 5 trees");
    }

    @Test
    void modelCutInsideTheLastLeafValueLineIsRefused() {
        String sized = withTreeSizes(MODEL);
        String lastLeaves = "leaf_value=0.125";
        // "0.125" cut to "0.12": a plausible number, so only the missing rest of the file can tell.
        assertRefused(sized.substring(0, sized.indexOf(lastLeaves) + lastLeaves.length() - 1), "m.txt", "no 'end of trees' line");
    }

    @Test
    void aRealLightGbmModelCutAnywhereBeforeItsEndMarkerIsRefused() {
        String text = com.alphaleak.export.parity.TrainedModels.train(1, 3000, 6, "num_leaves=31 min_data_in_leaf=5", 40).text();
        assertTrue(text.contains("tree_sizes="), "lightgbmlib writes tree_sizes");
        assertEquals(40, LightGbmModelParser.parse(text, "m.txt").trees().size());
        assertRefused(text.substring(0, text.indexOf("Tree=20")), "m.txt", "no 'end of trees' line after 20 trees", "announces 40");
        int lastLeaves = text.lastIndexOf("leaf_value=");
        assertRefused(text.substring(0, text.indexOf(' ', lastLeaves) + 3), "m.txt", "no 'end of trees' line after 40 trees");
        // Any cut before the marker: at line ends (tree boundaries, between fields) and inside lines.
        int end = text.indexOf("end of trees");
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 300; i++) {
            int cut = i % 2 == 0 ? r.nextInt(end + 1) : text.indexOf('\n', r.nextInt(end)) + 1;
            String cutText = text.substring(0, cut);
            assertThrows(UnsupportedModelException.class, () -> LightGbmModelParser.parse(cutText, "m.txt"), "cut at " + cut);
        }
    }

    @Test
    void aModelWhoseLineEndingsWereConvertedIsRefusedWithTheReason() {
        // LightGBM counts tree_sizes with \n line ends; with \r\n its own loader aborts the process
        // ("Model format error, expect a tree here", then terminate), so the parser must refuse first.
        String text = com.alphaleak.export.parity.TrainedModels.train(2, 500, 4, "num_leaves=7", 5).text();
        assertRefused(text.replace("\n", "\r\n"), "m.txt", "tree_sizes", "CRLF line endings");
        // Without tree_sizes LightGBM reads trees line by line, and so does the parser.
        String unsized = text.replaceFirst("tree_sizes=[^\n]*\n", "");
        assertEquals(LightGbmModelParser.parse(unsized, "m.txt").trees().size(),
                LightGbmModelParser.parse(unsized.replace("\n", "\r\n"), "m.txt").trees().size());
    }

    @Test
    void treeBlocksMustHaveTheSizesTheHeaderAnnounces() {
        // LightGBM reads tree i at the byte offset tree_sizes gives; a block of another size is corrupt.
        String sized = withTreeSizes(MODEL);
        assertRefused(sized.replace("leaf_value=-0.5 0.25 1.5 -1", "leaf_value=-0.5 0.25 1.5 -1.0"), "m.txt",
                "Tree=1 starts 2 bytes after where tree_sizes puts it");
        assertRefused(sized.replace("Tree=1", "Tree=2"), "m.txt", "expected Tree=1");
    }

    @Test
    void malformedTreesAreRefusedNamingFileTreeAndField() {
        // A node that is its own child (ONNX Runtime hangs on it) and children out of range (it aborts).
        assertRefused(MODEL.replace("left_child=1 -1 -3", "left_child=1 1 -3"), "m.txt", "Tree=0", "left_child", "cycle");
        assertRefused(MODEL.replace("left_child=1 -1 -3", "left_child=1 -1 7"), "m.txt", "Tree=0", "left_child", "out of range");
        assertRefused(MODEL.replace("right_child=2 -2 -4", "right_child=2 -2 -9"), "m.txt", "Tree=0", "right_child", "out of range");
        assertRefused(MODEL.replace("left_child=1 -1 -3", "left_child=0 -1 -3"), "m.txt", "Tree=0", "left_child", "root");
        // Leaf 0 reached twice, leaf 1 never: every index is in range, the tree is still wrong.
        assertRefused(MODEL.replace("right_child=2 -2 -4", "right_child=2 -1 -4"), "m.txt", "Tree=0", "leaf 0", "more than once");
        // Nodes 1 and 2 point at each other and are unreachable from the root.
        assertRefused(MODEL.replace("left_child=1 -1 -3\nright_child=2 -2 -4", "left_child=-1 2 1\nright_child=-2 -3 -4"),
                "m.txt", "Tree=0", "not reachable from the root");
        assertRefused(MODEL.replace("threshold=50.000000000000007", "threshold=50.0x"), "m.txt", "Tree=0", "threshold", "'50.0x'");
        assertRefused(MODEL.replace("threshold=50.000000000000007", "threshold=50f"), "m.txt", "Tree=0", "threshold", "'50f'");
        assertRefused(MODEL.replace("num_cat=1\n", ""), "m.txt", "Tree=0", "num_cat", "missing");
        assertRefused(MODEL.replace("num_cat=0\n", ""), "m.txt", "Tree=1", "num_cat", "missing");
        assertRefused(MODEL.replace("num_leaves=4", "num_leaves=four"), "m.txt", "Tree=0", "num_leaves", "'four'");
        assertRefused(MODEL.replace("num_leaves=4", "num_leaves=0"), "m.txt", "Tree=0", "num_leaves");
        assertRefused(MODEL.replace("split_feature=0 1 2", "split_feature=0 3 2"), "m.txt", "Tree=0", "split_feature", "max_feature_idx=2");
        assertRefused(MODEL.replace("split_feature=0 1 2", "split_feature=0 -1 2"), "m.txt", "Tree=0", "split_feature");
        assertRefused(MODEL.replace("decision_type=10 6 9", "decision_type=10 14 9"), "m.txt", "Tree=0", "decision_type", "14");
        assertRefused(MODEL.replace("num_cat=1", "num_cat=0"), "m.txt", "Tree=0", "num_cat=0", "categorical");
        // A categorical node's threshold is the index of its bitset.
        assertRefused(MODEL.replace("threshold=50.000000000000007 1.0000000180025095e-35 0", "threshold=50.000000000000007 1.0000000180025095e-35 1"),
                "m.txt", "Tree=0", "threshold", "bitset");
        assertRefused(MODEL.replace("cat_boundaries=0 1", "cat_boundaries=0 2"), "m.txt", "Tree=0", "cat_boundaries");
        assertRefused(MODEL.replace("cat_threshold=10", "cat_threshold=4294967296"), "m.txt", "Tree=0", "cat_threshold");
        assertRefused(MODEL.replace("cat_boundaries=0 1\n", ""), "m.txt", "Tree=0", "cat_boundaries", "missing");
        assertRefused(MODEL.replace("leaf_value=0.125", "leaf_value=0.125 3"), "m.txt", "Tree=1", "leaf_value");
        assertRefused(MODEL.replace("leaf_value=-0.5 0.25 1.5 -1", "leaf_value=-0.5 0.25 1.5 -1\nleaf_value=2 2 2 2"), "m.txt", "Tree=0", "leaf_value", "twice");
        assertRefused(MODEL.replace("max_feature_idx=2", "max_feature_idx=2x"), "m.txt", "header", "max_feature_idx");
        assertRefused(MODEL.replace("sigmoid:1", "sigmoid:abc"), "m.txt", "header", "objective");
        assertRefused(MODEL.replace("feature_names=alpha_score is_bot lifecycle_state", "feature_names=alpha_score is_bot"), "m.txt",
                "header", "feature_names", "2 names");
    }

    @Test
    void everyNumberParsesStrictly() {
        // What LightGBM writes for non-finite values still parses.
        LightGbmModel m = LightGbmModelParser.parse(MODEL.replace("threshold=50.000000000000007", "threshold=inf")
                .replace("leaf_value=-0.5 0.25 1.5 -1", "leaf_value=-0.5 0.25 1.5 -1e-300"), "m.txt");
        assertEquals(Double.POSITIVE_INFINITY, m.trees().get(0).threshold()[0]);
        assertEquals(-1e-300, m.trees().get(0).leafValue()[3]);
    }

    private static void assertRefused(String text, String... fragments) {
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> LightGbmModelParser.parse(text, "m.txt"));
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }

    private static void assertRefused(String text, String fragment) {
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> LightGbmModelParser.parse(text));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
