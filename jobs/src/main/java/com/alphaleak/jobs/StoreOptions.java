package com.alphaleak.jobs;

import com.alphaleak.publish.ModelStore;
import com.alphaleak.publish.StoreSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the published models are: {@code --root} and optional Hadoop settings. Credentials are
 * never accepted here ({@link StoreSettings} refuses them): S3A takes them from the environment
 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}), a Hadoop credential provider
 * ({@code hadoop.security.credential.provider.path}) or the instance role.
 */
final class StoreOptions {

    @Option(names = "--root", required = true, paramLabel = "URI",
            description = "Published-models root: s3a://bucket/prefix or a local directory.")
    String root;

    @Option(names = "--hadoop-conf", paramLabel = "KEY=VALUE",
            description = "A Hadoop setting, repeatable (e.g. fs.s3a.endpoint=http://minio:9000). "
                    + "Credentials are refused here; use the environment or a Hadoop credential provider.")
    Map<String, String> hadoopConf = new LinkedHashMap<>();

    ModelStore open() throws IOException {
        return ModelStore.open(root, StoreSettings.hadoopConfiguration(hadoopConf));
    }
}
