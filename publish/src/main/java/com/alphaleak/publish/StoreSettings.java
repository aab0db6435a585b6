package com.alphaleak.publish;

import com.alphaleak.config.ConfigValidationException;
import org.apache.hadoop.conf.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hadoop settings for a model store given by an operator (e.g. {@code sync-models --hadoop-conf}).
 * Settings that carry secrets are refused: on a command line they would land in shell history and
 * {@code ps}. S3A credentials come from the environment, a Hadoop credential provider or the
 * instance role instead.
 */
public final class StoreSettings {
    private StoreSettings() {}

    /** Keys that name a secret (access and secret keys, session tokens, passwords, encryption keys). */
    static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|passwd|token|access\\.key|encryption\\.key).*");

    /**
     * The settings as a Hadoop configuration (over Hadoop's defaults).
     *
     * @throws ConfigValidationException naming every secret key, never its value
     */
    public static Configuration hadoopConfiguration(Map<String, String> settings) {
        List<String> refused = new ArrayList<>();
        Configuration conf = new Configuration();
        for (var e : settings.entrySet()) {
            if (SECRET_KEY.matcher(e.getKey()).matches()) {
                refused.add("Hadoop setting " + e.getKey() + "=... refused: credentials come only from the environment"
                        + " or a Hadoop credential provider");
            } else {
                conf.set(e.getKey(), e.getValue());
            }
        }
        if (!refused.isEmpty()) {
            throw new ConfigValidationException(refused);
        }
        return conf;
    }
}
