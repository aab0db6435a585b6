package com.alphaleak.monitor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of one monitor run (snake_case keys): the run's decision (the most severe over
 * models), its exit code, the settings that shaped it and every model's windows and reasons.
 *
 * @param exitCode {@link com.alphaleak.ExitCodes}: 10 when any model should be retrained, else 0
 */
public record MonitorReport(int reportVersion, String runId, String asOf, String generatedAt, Decision decision,
                            int exitCode, Map<String, Object> settings, List<ModelReport> models) {
    public static final int VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MonitorReport fromJson(String json) {
        try {
            return JSON.readValue(json, MonitorReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable monitor report: " + e.getMessage(), e);
        }
    }

    static String toJson(Object o) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
