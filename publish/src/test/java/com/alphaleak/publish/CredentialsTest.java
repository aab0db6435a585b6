package com.alphaleak.publish;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.alphaleak.config.ConfigValidationException;
import com.alphaleak.publish.TestModels.Version;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3A keys come only from the environment or a Hadoop credential provider, and a secret never
 * shows up in an exception, a log line or a stored object.
 */
class CredentialsTest {

    @TempDir
    Path tmp;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<Logger> raised = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        for (String name : List.of("com.alphaleak", "org.apache.hadoop.fs.s3a", "com.amazonaws")) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            l.setLevel(Level.DEBUG);
            raised.add(l);
        }
    }

    @AfterEach
    void stopCapture() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        raised.forEach(l -> l.setLevel(null));
    }

    private String everythingLogged() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            sb.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static String everythingStored(ModelStore store, String prefix) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String name : store.storage().list(prefix)) {
            String key = prefix.isEmpty() ? name : prefix + "/" + name;
            var bytes = store.storage().exists(key) ? store.storage().read(key) : java.util.Optional.<byte[]>empty();
            if (bytes.isPresent() && !name.endsWith(".onnx")) {
                sb.append(new String(bytes.get(), StandardCharsets.UTF_8));
            } else if (bytes.isEmpty()) {
                sb.append(everythingStored(store, key));
            }
        }
        return sb.toString();
    }

    @Test
    void keysComeFromTheEnvironmentAndAreNeverStoredOrLogged() throws Exception {
        Configuration conf = S3ProxyServer.get().conf();
        assertNull(conf.get("fs.s3a.access.key"));
        assertNull(conf.get("fs.s3a.secret.key"));
        String root = Backend.S3A.freshRoot("creds");
        try (ModelStore store = ModelStore.open(root, conf)) {
            Version v = TestModels.version("m-1", 0.4, 0.03);
            assertEquals(ModelPublisher.Status.PROMOTED, v.publishTo(store).execute().status());
            new ModelSync(store, tmp.resolve("host")).run();
            String stored = everythingStored(store, "");
            assertFalse(stored.isEmpty());
            assertFalse(stored.contains(S3ProxyServer.secretKey()), "secret in a stored object");
            assertFalse(stored.contains(S3ProxyServer.accessKey()), "access key in a stored object");
            assertFalse(store.describe().contains(S3ProxyServer.secretKey()));
        }
        assertFalse(everythingLogged().contains(S3ProxyServer.secretKey()));
    }

    @Test
    void aWrongSecretFromACredentialProviderFailsWithoutShowingIt() throws Exception {
        String wrong = "WRONG-secret-" + UUID.randomUUID();
        Configuration conf = withCredentialProvider(S3ProxyServer.accessKey(), wrong);
        String root = Backend.S3A.freshRoot("wrong");
        Exception e;
        try (ModelStore store = ModelStore.open(root, conf)) {
            e = assertThrows(Exception.class, () -> TestModels.version("m-1", 0.4, 0.03).publishTo(store).execute());
        }
        System.out.println("wrong secret -> " + e);
        assertTrue(e instanceof java.nio.file.AccessDeniedException || String.valueOf(e).contains("403"), e.toString());
        String seen = stackTrace(e) + everythingLogged();
        assertFalse(seen.contains(wrong), "the secret leaked:\n" + seen);
        assertFalse(seen.contains(S3ProxyServer.secretKey()));
        // The same provider with the right secret works: keys can come from a credential store.
        Configuration ok = withCredentialProvider(S3ProxyServer.accessKey(), S3ProxyServer.secretKey());
        try (ModelStore store = ModelStore.open(root, ok)) {
            assertEquals(ModelPublisher.Status.PROMOTED,
                    TestModels.version("m-1", 0.4, 0.03).publishTo(store).execute().status());
        }
        assertFalse(everythingLogged().contains(S3ProxyServer.secretKey()));
    }

    @Test
    void credentialsInTheRootUriAreRefusedWithoutEchoingThem() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> ModelStore.open("s3a://AKIAEXAMPLE:topsecret123@models/x", new Configuration()));
        assertFalse(e.getMessage().contains("topsecret123"), e.getMessage());
        assertFalse(e.getMessage().contains("AKIAEXAMPLE"), e.getMessage());
    }

    @Test
    void secretHadoopSettingsAreRefusedByKeyWithoutEchoingTheirValues() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("fs.s3a.endpoint", "http://minio:9000");
        settings.put("fs.s3a.secret.key", "hunter2-secret");
        settings.put("fs.s3a.access.key", "AKIAEXAMPLE");
        settings.put("fs.s3a.session.token", "tok-123");
        settings.put("fs.s3a.server-side-encryption.key", "enc-456");
        settings.put("hadoop.security.keystore.java-keystore-provider.password-file", "pw-789");
        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> StoreSettings.hadoopConfiguration(settings));
        assertEquals(5, e.problems().size(), e.getMessage());
        for (String key : List.of("fs.s3a.secret.key", "fs.s3a.access.key", "fs.s3a.session.token")) {
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
        for (String value : List.of("hunter2-secret", "AKIAEXAMPLE", "tok-123", "enc-456", "pw-789")) {
            assertFalse(e.getMessage().contains(value), "a secret value leaked: " + e.getMessage());
        }
        Configuration ok = StoreSettings.hadoopConfiguration(Map.of("fs.s3a.endpoint", "http://minio:9000",
                "fs.s3a.path.style.access", "true"));
        assertEquals("http://minio:9000", ok.get("fs.s3a.endpoint"));
        assertEquals("true", ok.get("fs.s3a.path.style.access"));
    }

    /** A JCEKS Hadoop credential store holding the S3A keys; the configuration names only the store. */
    private Configuration withCredentialProvider(String access, String secret) throws Exception {
        Configuration conf = S3ProxyServer.get().conf();
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        Path store = tmp.resolve("s3a-" + UUID.randomUUID() + ".jceks");
        conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, "jceks://file" + store.toAbsolutePath());
        CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
        provider.createCredentialEntry("fs.s3a.access.key", access.toCharArray());
        provider.createCredentialEntry("fs.s3a.secret.key", secret.toCharArray());
        provider.flush();
        assertNull(conf.get("fs.s3a.secret.key"), "not in plain configuration");
        return conf;
    }
}
