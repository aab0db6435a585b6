package com.alphaleak.publish;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where a test's store lives: a local directory or s3a:// on s3proxy. */
public abstract class Backend {

    public static final Backend LOCAL = new Backend("local") {
        private final Path base = tempBase();

        @Override
        public String root(String name) {
            return base.resolve(name).toString();
        }

        @Override
        public Map<String, String> settings() {
            return Map.of();
        }
    };

    public static final Backend S3A = new Backend("s3a") {
        @Override
        public String root(String name) {
            return S3ProxyServer.get().root(name);
        }

        @Override
        public Map<String, String> settings() {
            return S3ProxyServer.get().s3aSettings();
        }
    };

    public static List<Backend> both() {
        return List.of(LOCAL, S3A);
    }

    private final String label;

    private Backend(String label) {
        this.label = label;
    }

    public abstract String root(String name);

    public abstract Map<String, String> settings();

    public Configuration conf() {
        Configuration conf = new Configuration();
        settings().forEach(conf::set);
        return conf;
    }

    /** A fresh, empty root for one test. */
    public String freshRoot(String hint) {
        return root(hint + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public ModelStore open(String root) throws IOException {
        return ModelStore.open(root, conf());
    }

    /** {@code --root R --hadoop-conf k=v ...} for the CLI. */
    public List<String> cliStoreArgs(String root) {
        List<String> args = new ArrayList<>(List.of("--root", root));
        settings().forEach((k, v) -> {
            args.add("--hadoop-conf");
            args.add(k + "=" + v);
        });
        return args;
    }

    private static Path tempBase() {
        try {
            Path p = Path.of("target", "publish-test-stores").toAbsolutePath();
            Files.createDirectories(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
