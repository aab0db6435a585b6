package com.alphaleak.sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NormalDistributionTest {
    @Test
    void cdfMatchesReferenceValuesToRelativeAccuracy() {
        double[][] reference = {{0, 0.5}, {1, 0.8413447460685429}, {-3, 0.0013498980316300933},
                {2.5, 0.9937903346742238}, {-1.5, 0.06680720126885807}, {-6, 9.865876450376946e-10}};
        for (double[] r : reference) {
            assertEquals(r[1], NormalDistribution.cdf(r[0]), r[1] * 2e-7, "cdf(" + r[0] + ")");
        }
    }

    @Test
    void logCdfStaysAccurateFarInTheLowerTail() {
        double[][] reference = {{-10, -53.23128515051248}, {-30, -454.32124395634327}, {-40, -804.6084420137539}};
        for (double[] r : reference) {
            assertEquals(r[1], NormalDistribution.logCdf(r[0]), 1e-6, "logCdf(" + r[0] + ")");
        }
    }
}
