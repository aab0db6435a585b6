package com.alphaleak.jobs;

import picocli.CommandLine;

/** Reports the jar's version (from the manifest) and the Spark it was built for. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = AlphaLeakCli.class.getPackage().getImplementationVersion();
        return new String[] {"alphaleak " + (v == null ? "dev" : v) + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ")"};
    }
}
