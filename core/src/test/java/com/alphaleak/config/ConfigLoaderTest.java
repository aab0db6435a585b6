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
                c.targets().stream().map(t -> t.name()).toList());
        assertEquals(Horizon.H1, c.targets().get(2).horizon());
        assertEquals(2.0, c.targets().get(2).multiple());
        assertEquals("float64", c.export().precision());
        assertEquals(7, c.tuning().space().size());
        assertTrue(c.tuning().scalePosWeight().isEmpty(), "scale_pos_weight defaults to the training split's ratio");
        assertTrue(c.spark().master().isEmpty(), "the cluster decides the master unless a profile sets it");
        assertEquals("target/alphaleak/tables/signals", c.tables().signals().path().orElseThrow());
        assertEquals(TableFormat.DELTA, c.tables().walletFeatures().format());
        assertTrue(c.tables().walletFeatures().maxAge().isEmpty(), "max age absent means unbounded");
    }

    @Test
    void overridingWorkDirMovesEveryDerivedLocation() {
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), Map.of("run.work-dir", "/data/al"));
        assertEquals("/data/al/tables/outcomes", c.tables().outcomes().path().orElseThrow());
        assertEquals("/data/al/datasets", c.dataset().output());
        assertEquals("/data/al/models", c.export().output());
    }

    @Test
    void overridesAcceptRelativeAndAbsoluteKeysAndUrls() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("alphaleak.split.validation-fraction", "0.25");
        o.put("tables.root", "s3a://bucket/lake");
        o.put("tables.wallet-features.max-age", "2h");
        o.put("targets", "[reach_2x_1h, reach_10x_24h]");
        AlphaLeakConfig c = ConfigLoader.load(Optional.empty(), o);
        assertEquals(0.25, c.split().validationFraction());
        assertEquals("s3a://bucket/lake/market_regime", c.tables().marketRegime().path().orElseThrow());
        assertEquals(Optional.of(Duration.ofHours(2)), c.tables().walletFeatures().maxAge());
        assertEquals(10.0, c.targets().get(1).multiple());
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
        assertTrue(mentions(e, "tuning.trials", "NUMBER"), e.getMessage());
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
        o.put("targets", "[reach_2x_7m]");
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
        assertTrue(mentions(e, "learning-rate", "log scale needs low > 0"), e.getMessage());
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
}
