package com.alphaleak.jobs;

import com.alphaleak.ExitCodes;
import com.alphaleak.config.AlphaLeakConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** Prints the effective configuration after defaults, profile and overrides. */
@Command(name = "show-config", mixinStandardHelpOptions = true,
        description = "Validate and print the effective configuration (no Spark session is started).")
final class ShowConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        AlphaLeakConfig c = config.load();
        System.out.println(ConfigPrinter.describe(c));
        return ExitCodes.OK;
    }
}
