package com.alphaleak.config;

import com.alphaleak.contracts.Horizon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    private static ConfigValidationException rejected(Map<String, String> overrides) {
        return assertThrows(ConfigValidationException.class, () -> ConfigLoader.load(Optional.empty(), overrides));
    }

    private static boolean mentions(ConfigValidationException e, String... fragments) {
        return e.problems().stream().anyMatch(p -> List.of(fragments).stream().allMatch(p::contains));
    }

    @Test
    void defaultsMatchTheDocumentedPipeline() {
        AlphaLeakConfig c = ConfigLoader.defaults();
        assertEquals(0.2, c.split().validationFraction());
        assertEquals(0.0, c.split().calibrationFraction());
        assertEquals(List.of("reach_2x_10m", "reach_3x_30m", "reach_2x_1h", "reach_2x_4h", "reach_5x_24h"),
                c.datasets().signal().targets().stream().map(t -> t.name()).toList());
        assertEquals(Horizon.H1, c.datasets().signal().targets().get(2).horizon());
        assertEquals(2.0, c.datasets().signal().targets().get(2).multiple());
        assertEquals(ExportPrecision.FLOAT64, c.export().precision());
        assertEquals(TuningMode.TASK_PARALLEL, c.tuning().mode());
        assertEquals(7, c.tuning().space().size());
        assertEquals(java.util.Optional.of(1.0), c.tuning().scalePosWeight(), "unweighted by default: Platt calibrates");
        assertTrue(ConfigLoader.load(java.util.Optional.empty(), Map.of("tuning.scale-pos-weight", "null", "tuning.peak-label.models", "[]"))
                .tuning().scalePosWeight().isEmpty(), "null = the training split's negatives / positives");
        assertEquals(List.of("reach_5x_24h"), c.tuning().peakLabel().models(), "the measured default (docs/benchmarks.md)");
        assertEquals(0.3, c.tuning().peakLabel().temperature());
        assertTrue(c.spark().master().isEmpty(), "the cluster decides the master unless a profile sets it");
        assertEquals("target/alphaleak/tables/signals", c.tables().signals().path().orElseThrow());
        assertEquals(TableFormat.DELTA, c.tables().walletFeatures().format());
        assertTrue(c.tables().walletFeatures().maxAge().isEmpty(), "max age absent means unbounded");
    }

    @Test
    void overridingWorkDirMovesEveryDerivedLocation() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), Map.of("run.work-dir", "/data/al"));
        assertEquals("/data/al/tables/outcomes", c.tables().outcomes().path().orElseThrow());
        assertEquals("/data/al/datasets", c.datasets().output());
        assertEquals("/data/al/datasets/genesis", c.datasets().genesis().path());
        assertEquals("/data/al/models", c.export().output());
    }

    @Test
    void overridesAcceptRelativeAndAbsoluteKeysAndUrls() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("alphaleak.split.validation-fraction", "0.25");
        o.put("tables.root", "s3a://bucket/lake");
        o.put("tables.wallet-features.max-age", "2h");
        o.put("datasets.signal.targets", "[reach_2x_1h, reach_10x_24h]");
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), o);
        assertEquals(0.25, c.split().validationFraction());
        assertEquals("s3a://bucket/lake/market_regime", c.tables().marketRegime().path().orElseThrow());
        assertEquals(Optional.of(Duration.ofHours(2)), c.tables().walletFeatures().maxAge());
        assertEquals(10.0, c.datasets().signal().targets().get(1).multiple());
    }

    @Test
    void profileFileIsLayeredOverDefaults() throws IOException {
        Path profile = tmp.resolve("p.conf");
        Files.writeString(profile, "alphaleak { spark.master = \"local[3]\", tuning.trials = 7 }\n");
        AlphaLeakConfig c = ConfigLoader.load(Optional.of(profile), Map.of("tuning.trials", "9"));
        assertEquals(Optional.of("local[3]"), c.spark().master());
        assertEquals(9, c.tuning().trials(), "command-line overrides beat the profile");
    }

    @Test
    void shippedProfilesLoad() {
        for (String p : List.of("local.conf", "cluster.conf")) {
            AlphaLeakConfig c = ConfigLoader.load(Optional.of(Path.of("..", "conf", p)), Map.of());
            assertFalse(c.spark().appName().isEmpty(), p);
        }
    }

    @Test
    void unknownKeyIsRejectedWithItsOriginAndASuggestion() throws IOException {
        Path profile = tmp.resolve("typo.conf");
        Files.writeString(profile, "alphaleak.split.validaton-fraction = 0.3\n");
        var e = assertThrows(ConfigValidationException.class, () -> ConfigLoader.load(Optional.of(profile), Map.of()));
        assertTrue(mentions(e, "unknown key 'alphaleak.split.validaton-fraction'", "typo.conf", "did you mean 'validation-fraction'"),
                e.getMessage());
    }

    @Test
    void unknownTopLevelSectionIsRejected() {
        assertTrue(mentions(rejected(Map.of("trainer.trials", "3")), "unknown key 'alphaleak.trainer'"));
    }

    @Test
    void wrongTypeIsRejectedNamingTheKey() {
        var e = rejected(Map.of("tuning.trials", "many"));
        assertTrue(mentions(e, "--set tuning.trials: alphaleak.tuning.trials must be a whole number", "'many'"), e.getMessage());
    }

    @Test
    void objectWhereAValueBelongsIsRejected() {
        var e = rejected(Map.of("split", "0.2"));
        assertTrue(mentions(e, "'alphaleak.split' must be an object"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("split.validation-fraction", "1.5");
        o.put("export.precision", "float16");
        o.put("datasets.signal.targets", "[reach_2x_7m]");
        o.put("tables.signals.format", "csv");
        var e = rejected(o);
        assertTrue(mentions(e, "split.validation-fraction", "(0, 1)"), e.getMessage());
        assertTrue(mentions(e, "export.precision", "float16"), e.getMessage());
        assertTrue(mentions(e, "reach_2x_7m", "horizon"), e.getMessage());
        assertTrue(mentions(e, "tables.signals.format", "csv"), e.getMessage());
    }

    @Test
    void splitFractionsMustLeaveTrainingData() {
        var e = rejected(Map.of("split.validation-fraction", "0.6", "split.calibration-fraction", "0.4"));
        assertTrue(mentions(e, "validation-fraction + calibration-fraction must be < 1"), e.getMessage());
    }

    @Test
    void searchSpaceIsValidated() {
        var e = rejected(Map.of("tuning.space.learning-rate", "{ type = log-float, low = 0, high = 0.1 }"));
        assertTrue(mentions(e, "learning-rate", "needs low > 0 on a log scale"), e.getMessage());
        var e2 = rejected(Map.of("tuning.space.max-bin", "{ type = int, low = 10, high = 255, step = 5 }"));
        assertTrue(mentions(e2, "max-bin.step"), e2.getMessage());
    }

    @Test
    void searchSpaceAcceptsNewParametersAndCategoricals() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(),
                Map.of("tuning.space.boosting", "{ type = categorical, choices = [gbdt, dart] }"));
        ParamRange boosting = c.tuning().space().stream().filter(p -> p.name().equals("boosting")).findFirst().orElseThrow();
        assertEquals(List.of("gbdt", "dart"), boosting.choices());
        assertTrue(c.tuning().space().stream().anyMatch(p -> p.name().equals("num_leaves")), "kebab keys become LightGBM snake names");
    }

    @Test
    void missingProfileFileIsAClearError() {
        var e = assertThrows(ConfigValidationException.class,
                () -> ConfigLoader.load(Optional.of(tmp.resolve("nope.conf")), Map.of()));
        assertTrue(e.getMessage().contains("nope.conf"));
    }

    @Test
    void sparkConfIsAnOpenMap() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), Map.of("spark.conf.\"spark.executor.memory\"", "8g"));
        assertEquals("8g", c.spark().conf().get("spark.executor.memory"));
    }

    // --- every problem is one ConfigValidationException with file, line and key ---

    @Test
    void syntaxErrorInAProfileIsAConfigurationErrorWithFileAndLine() throws IOException {
        Path profile = tmp.resolve("broken.conf");
        Files.writeString(profile, "alphaleak {\n  tuning.trials = 7\n  split { validation-fraction = 0.3\n}\n");
        var e = assertThrows(ConfigValidationException.class,
                () -> ConfigLoader.load(Optional.of(profile), Map.of("tuning.trials", "[unclosed")));
        assertTrue(mentions(e, profile + ":"), e.getMessage());
        assertTrue(mentions(e, "--set tuning.trials"), "a bad --set is reported with the broken profile: " + e.getMessage());
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void threeBadValuesInAProfileAreReportedTogetherWithFileAndLine() throws IOException {
        Path profile = tmp.resolve("three.conf");
        Files.writeString(profile, String.join("\n",
                "alphaleak {",
                "  run.seed = 1.5",
                "  tuning.mode = task_parallel",
                "  split.validation-fraction = 1.2",
                "}", ""));
        var e = assertThrows(ConfigValidationException.class, () -> ConfigLoader.load(Optional.of(profile), Map.of()));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(mentions(e, profile + ":2: alphaleak.run.seed must be a whole number, found 1.5"), e.getMessage());
        assertTrue(mentions(e, profile + ":3: alphaleak.tuning.mode must be one of [task-parallel, data-parallel], found 'task_parallel'"),
                e.getMessage());
        assertTrue(mentions(e, profile + ":4: alphaleak.split.validation-fraction must be in (0, 1), found 1.2"), e.getMessage());
    }

    @Test
    void unresolvableSubstitutionIsAConfigurationError() throws IOException {
        Path profile = tmp.resolve("subst.conf");
        Files.writeString(profile, "alphaleak.publish.root = ${alphaleak.publish.bucket}\n");
        var e = assertThrows(ConfigValidationException.class, () -> ConfigLoader.load(Optional.of(profile), Map.of()));
        assertTrue(mentions(e, profile + ":1", "publish.bucket"), e.getMessage());
    }

    // --- no silent coercion ---

    @Test
    void aFractionalIntegerIsRejectedNotTruncated() {
        var e = rejected(Map.of("run.seed", "1.5", "tuning.trials", "20.5"));
        assertTrue(mentions(e, "alphaleak.run.seed must be a whole number, found 1.5"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.tuning.trials must be a whole number, found 20.5"), e.getMessage());
    }

    @Test
    void anIntegerOutOfRangeIsRejectedNotClamped() {
        var e = rejected(Map.of("run.seed", "1e99", "tuning.trials", "3000000000", "sample.days", "-2"));
        assertTrue(mentions(e, "alphaleak.run.seed must be a whole number between -9223372036854775808 and 9223372036854775807",
                "found 1e99"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.tuning.trials must be > 0, found 3000000000"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.sample.days must be > 0, found -2"), e.getMessage());
    }

    @Test
    void aWholeNumberInExponentNotationIsAccepted() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), Map.of("sample.signals", "1e5", "run.seed", "7.0"));
        assertEquals(100_000, c.sample().signals());
        assertEquals(7L, c.run().seed());
    }

    @Test
    void aNumberTooLargeForADoubleIsRejectedNotInfinite() {
        var e = rejected(Map.of("tuning.scale-pos-weight", "1e999"));
        assertTrue(mentions(e, "alphaleak.tuning.scale-pos-weight must be a finite number"), e.getMessage());
    }

    @Test
    void integerSearchSpaceBoundsMustBeWhole() {
        var e = rejected(Map.of("tuning.space.num-leaves", "{ type = int, low = 15.5, high = 255 }"));
        assertTrue(mentions(e, "alphaleak.tuning.space.num-leaves.low must be a whole number, found 15.5"), e.getMessage());
    }

    @Test
    void aDurationNeedsAUnitAndAWholeNonNegativeAmount() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("tables.wallet-features.max-age", "7200");   // Typesafe would read milliseconds
        o.put("tables.creator-stats.max-age", "1.5h");
        o.put("tables.token-state.max-age", "-1h");
        o.put("tables.graph-scores.max-age", "2 fortnights");
        var e = rejected(o);
        for (String table : List.of("wallet-features", "creator-stats", "token-state", "graph-scores")) {
            assertTrue(mentions(e, "alphaleak.tables." + table + ".max-age must be a duration such as 15m, 2h or 2d"), e.getMessage());
        }
        assertEquals(4, e.problems().size(), e.getMessage());
    }

    @Test
    void durationsAcceptShortAndLongUnits() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(),
                Map.of("tables.wallet-features.max-age", "90 minutes", "tables.creator-stats.max-age", "3d"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), c.tables().walletFeatures().maxAge());
        assertEquals(Optional.of(Duration.ofDays(3)), c.tables().creatorStats().maxAge());
    }

    // --- enumerated settings ---

    @Test
    void enumeratedSettingsListTheAllowedValues() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("tuning.mode", "data_parallel");
        o.put("export.precision", "float16");
        o.put("tables.oracle.format", "csv");
        o.put("tuning.space.num-leaves", "{ type = integer, low = 15, high = 255 }");
        var e = rejected(o);
        assertTrue(mentions(e, "alphaleak.tuning.mode must be one of [task-parallel, data-parallel], found 'data_parallel'"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.export.precision must be one of [float64, float32], found 'float16'"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.tables.oracle.format must be one of [delta, parquet], found 'csv'"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.tuning.space.num-leaves.type must be one of [int, log-int, float, log-float, categorical]"),
                e.getMessage());
    }

    @Test
    void enumeratedSettingsAreTyped() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(),
                Map.of("tuning.mode", "data-parallel", "export.precision", "float32", "tuning.peak-label.models", "[]"));
        assertEquals(TuningMode.DATA_PARALLEL, c.tuning().mode());
        assertEquals(ExportPrecision.FLOAT32, c.export().precision());
        assertEquals(ParamType.LOG_FLOAT, c.tuning().space().stream()
                .filter(p -> p.name().equals("learning_rate")).findFirst().orElseThrow().type());
    }

    @Test
    void thePrunerIsTypedAndRejectsUnknownTypesAndFactors() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), Map.of("tuning.pruner.type", "hyperband",
                "tuning.pruner.min-resource", "5", "tuning.pruner.reduction-factor", "4"));
        assertEquals(PrunerType.HYPERBAND, c.tuning().pruner().type());
        assertEquals(5, c.tuning().pruner().minResource());
        assertEquals(4, c.tuning().pruner().reductionFactor());
        assertEquals(1000, c.tuning().pruner().minValidationPositives(), "default guard for rare positives");
        var e = rejected(Map.of("tuning.pruner.type", "asha", "tuning.pruner.reduction-factor", "1",
                "tuning.pruner.min-resource", "0", "tuning.pruner.min-validation-positives", "-1"));
        assertTrue(mentions(e, "alphaleak.tuning.pruner.type must be one of [none, successive-halving, hyperband], found 'asha'"),
                e.getMessage());
        assertTrue(mentions(e, "alphaleak.tuning.pruner.reduction-factor must be a whole number between 2 and"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.tuning.pruner.min-resource must be > 0"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.tuning.pruner.min-validation-positives must be >= 0"), e.getMessage());
    }

    @Test
    void earlyStoppingPatienceScalesWithTheLearningRateByDefaultAndRejectsNegativeShrinkage() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), Map.of());
        assertEquals(50, c.tuning().earlyStoppingRounds());
        assertEquals(1.0, c.tuning().earlyStoppingShrinkage(), "the measured default (docs/benchmarks.md)");
        assertEquals(0.0, ConfigLoader.load(Optional.empty(), Map.of("tuning.early-stopping-shrinkage", "0"))
                .tuning().earlyStoppingShrinkage(), "0 = fixed patience");
        var e = rejected(Map.of("tuning.early-stopping-shrinkage", "-0.5"));
        assertTrue(mentions(e, "alphaleak.tuning.early-stopping-shrinkage"), e.getMessage());
    }

    @Test
    void theSearchSampleHasACapAndAConfirmationCountAndRejectsNegativeCapsAndZeroConfirmations() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), Map.of());
        assertEquals(250_000, c.tuning().sample().maxRows(), "the measured default (docs/benchmarks.md)");
        assertEquals(2, c.tuning().sample().confirmTop());
        assertEquals(10_000, c.tuning().sample().minPositives());
        assertEquals(SampleMethod.KEEP_POSITIVES, c.tuning().sample().method(), "the measured default (docs/benchmarks.md)");
        assertEquals(SampleMethod.UNIFORM, ConfigLoader.load(Optional.empty(), Map.of("tuning.sample.method", "uniform"))
                .tuning().sample().method());
        assertTrue(mentions(rejected(Map.of("tuning.sample.method", "stratified")), "tuning.sample.method"));
        assertEquals(0, ConfigLoader.load(Optional.empty(), Map.of("tuning.sample.max-rows", "0")).tuning().sample().maxRows(),
                "0 = every row");
        assertEquals(SampledFinalModel.BOOSTER, c.tuning().sample().finalModel(), "no second fit by default");
        assertEquals(SampledFinalModel.SYNAPSEML_REPLAY, ConfigLoader.load(Optional.empty(),
                Map.of("tuning.sample.final-model", "synapseml-replay", "tuning.peak-label.models", "[]")).tuning().sample().finalModel());
        assertTrue(mentions(rejected(Map.of("tuning.sample.final-model", "synapseml-replay")),
                "needs tuning.sample.final-model = booster"), "the default peak-labelled reach_5x_24h cannot be replayed by SynapseML");
        var e = rejected(Map.of("tuning.sample.max-rows", "-1", "tuning.sample.confirm-top", "0", "tuning.sample.final-model", "refit"));
        assertTrue(mentions(e, "alphaleak.tuning.sample.max-rows must be >= 0"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.tuning.sample.confirm-top must be > 0"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.tuning.sample.final-model"), e.getMessage());
    }

    @Test
    void peakLabelsNameConfiguredModelsAndAreRefusedWhereAFitCouldNotHonourThem() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), Map.of("tuning.peak-label.models", "[reach_5x_24h, genesis_reach_2x_1h]",
                "tuning.peak-label.temperature", "0.5"));
        assertTrue(c.tuning().peakLabel().appliesTo("reach_5x_24h") && c.tuning().peakLabel().appliesTo("genesis_reach_2x_1h"));
        assertTrue(!c.tuning().peakLabel().appliesTo("reach_2x_1h"));
        assertEquals(0.5, c.tuning().peakLabel().temperature());
        var typo = rejected(Map.of("tuning.peak-label.models", "[reach_5x_24, genesis_reach_3x_30m, reach_2x_1h, reach_2x_1h]"));
        assertTrue(mentions(typo, "alphaleak.tuning.peak-label.models", "'reach_5x_24' is not a model name"), typo.getMessage());
        assertTrue(mentions(typo, "has duplicates"), typo.getMessage());
        var weighted = rejected(Map.of("tuning.peak-label.models", "[reach_5x_24h]", "tuning.scale-pos-weight", "null"));
        assertTrue(mentions(weighted, "needs tuning.scale-pos-weight = 1 (found null) for [reach_5x_24h]"), weighted.getMessage());
        // A model no dataset trains is ignored: a run of other targets need not edit the list.
        AlphaLeakConfig other = ConfigLoader.load(Optional.empty(), Map.of("tuning.peak-label.models", "[reach_5x_24h, genesis_reach_3x_30m]",
                "tuning.scale-pos-weight", "null", "datasets.signal.targets", "[reach_2x_1h]"));
        assertTrue(other.tuning().scalePosWeight().isEmpty());
        var synapse = rejected(Map.of("tuning.peak-label.models", "[reach_5x_24h]", "tuning.mode", "data-parallel",
                "tuning.sample.final-model", "synapseml-replay", "tuning.peak-label.temperature", "0"));
        assertTrue(mentions(synapse, "needs tuning.mode = task-parallel"), synapse.getMessage());
        assertTrue(mentions(synapse, "needs tuning.sample.final-model = booster"), synapse.getMessage());
        assertTrue(mentions(synapse, "alphaleak.tuning.peak-label.temperature"), synapse.getMessage());
    }

    @Test
    void anUnknownFeatureRegistryIsRejectedAtLoad() {
        var e = rejected(Map.of("datasets.signal.registry", "signal_v9"));
        assertTrue(mentions(e, "alphaleak.datasets.signal.registry must be one of [signal_v1], found 'signal_v9'"), e.getMessage());
    }

    @Test
    void aRegistryOfTheOtherDatasetIsRejected() {
        var e = rejected(Map.of("datasets.signal.registry", "genesis_v1", "datasets.genesis.registry", "signal_v1"));
        assertTrue(mentions(e, "alphaleak.datasets.signal.registry must be one of [signal_v1], found 'genesis_v1'"), e.getMessage());
        assertTrue(mentions(e, "alphaleak.datasets.genesis.registry must be one of [genesis_v1], found 'signal_v1'"), e.getMessage());
    }

    // --- per-dataset sections ---

    @Test
    void eachDatasetHasItsOwnSection() {
        AlphaLeakConfig c = ConfigLoader.defaults();
        AlphaLeakConfig.DatasetSettings signal = c.datasets().signal();
        AlphaLeakConfig.DatasetSettings genesis = c.datasets().genesis();
        assertEquals(com.alphaleak.registry.RegistryVersion.SIGNAL_V1, signal.registry());
        assertEquals(com.alphaleak.registry.RegistryVersion.GENESIS_V1, genesis.registry());
        assertEquals(List.of("reach_2x_10m", "reach_2x_1h", "reach_5x_24h"), genesis.targets().stream().map(t -> t.name()).toList());
        assertEquals(c.tables().signals(), signal.events());
        assertEquals(c.tables().outcomes(), signal.outcomes());
        assertEquals(c.tables().genesisWindows(), genesis.events());
        assertEquals(c.tables().genesisOutcomes(), genesis.outcomes());
        assertEquals("target/alphaleak/datasets/signal", signal.path());
        assertEquals(genesis, c.datasets().named("genesis"));
    }

    @Test
    void renamedKeysNameTheirNewPlace() throws IOException {
        Path profile = tmp.resolve("old.conf");
        Files.writeString(profile, "alphaleak {\n  genesis-targets = [reach_2x_1h]\n  dataset.signal-registry = signal_v1\n}\n");
        var e = assertThrows(ConfigValidationException.class,
                () -> ConfigLoader.load(Optional.of(profile), Map.of("targets", "[reach_2x_1h]")));
        assertTrue(mentions(e, "--set targets", "'alphaleak.targets' was renamed to 'alphaleak.datasets.signal.targets'"), e.getMessage());
        assertTrue(mentions(e, profile + ":2", "'alphaleak.genesis-targets' was renamed to 'alphaleak.datasets.genesis.targets'"),
                e.getMessage());
        assertTrue(mentions(e, profile + ":3",
                "'alphaleak.dataset.signal-registry' was renamed to 'alphaleak.datasets.signal.registry'"), e.getMessage());
    }

    // --- run ids ---

    @Test
    void hostileRunIdIsRejectedAtLoad() {
        for (String id : List.of("../x y' OR 1=1 --", "o'brien", "a/b", "-starts-with-dash", "x".repeat(65), "")) {
            var e = rejected(Map.of("run.id", id));
            assertTrue(mentions(e, "alphaleak.run.id must be 1 to 64 letters, digits", "[A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
                    id + ": " + e.getMessage());
        }
    }

    @Test
    void ordinaryRunIdsAreAcceptedAsWritten() {
        // 007 and 1e5 parse as HOCON numbers; the id must keep its spelling, not become 7 or 100000.
        for (String id : List.of("20261130", "20261130-030000", "nightly_2026.11.30", "007", "1e5", "x".repeat(64))) {
            assertEquals(Optional.of(id), ConfigLoader.load(Optional.empty(), Map.of("run.id", id)).run().id());
        }
    }

    @Test
    void sparkConfAcceptsUnquotedDottedKeys() throws IOException {
        Path profile = tmp.resolve("spark.conf");
        Files.writeString(profile, "alphaleak.spark.conf { spark.sql.adaptive.enabled = true, \"spark.executor.memory\" = 8g }\n");
        AlphaLeakConfig c = ConfigLoader.load(Optional.of(profile), Map.of());
        assertEquals(Map.of("spark.sql.adaptive.enabled", "true", "spark.executor.memory", "8g"), c.spark().conf());
    }
}
