package com.alphaleak.publish.cli;

import com.alphaleak.publish.ModelStore;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the published models are: {@code --root} and optional Hadoop settings. Credentials are
 * never accepted here: S3A takes them from the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}), a Hadoop credential provider
 * ({@code hadoop.security.credential.provider.path}) or the instance role.
 */
public final class StoreOptions {

    /** Settings that carry secrets; refused on the command line (they would land in shell history and ps). */
    static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|passwd|token|access\\.key|encryption\\.key).*");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--root", required = true, paramLabel = "URI",
            description = "Published-models root: s3a://bucket/prefix or a local directory.")
    String root;

    @Option(names = "--hadoop-conf", paramLabel = "KEY=VALUE",
            description = "A Hadoop setting, repeatable (e.g. fs.s3a.endpoint=http://minio:9000). "
                    + "Credentials are refused here; use the environment or a Hadoop credential provider.")
    Map<String, String> hadoopConf = new LinkedHashMap<>();

    public ModelStore open() throws IOException {
        return ModelStore.open(root, configuration());
    }

    Configuration configuration() {
        Configuration conf = new Configuration();
        for (var e : hadoopConf.entrySet()) {
            if (SECRET_KEY.matcher(e.getKey()).matches()) {
                throw new ParameterException(spec.commandLine(), "--hadoop-conf " + e.getKey()
                        + "=... refused: credentials come only from the environment or a Hadoop credential provider");
            }
            conf.set(e.getKey(), e.getValue());
        }
        return conf;
    }
}
