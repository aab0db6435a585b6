package com.alphaleak.training.data;

import com.alphaleak.config.SampleMethod;
import com.alphaleak.config.SampledFinalModel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowSampleTest {

    @Test
    void indicesAreExactlyKDistinctRowsInAscendingOrderAndTheSeedFixesThem() {
        Random r = new Random(7);
        for (int t = 0; t < 200; t++) {
            int n = 1 + r.nextInt(500);
            int k = r.nextInt(n + 1);
            long seed = r.nextLong();
            int[] idx = RowSample.indices(n, k, seed);
            assertEquals(k, idx.length);
            for (int i = 0; i < k; i++) {
                assertTrue(idx[i] >= 0 && idx[i] < n);
                if (i > 0) assertTrue(idx[i] > idx[i - 1], "strictly ascending: distinct and in row order");
            }
            assertArrayEquals(idx, RowSample.indices(n, k, seed));
        }
        assertFalse(Arrays.equals(RowSample.indices(1000, 100, 1), RowSample.indices(1000, 100, 2)));
        assertThrows(IllegalArgumentException.class, () -> RowSample.indices(10, 11, 1));
    }

    @Test
    void everyRowIsEquallyLikelyToBeChosen() {
        // Brute force: the inclusion frequency of each row over many seeds is k / n within a
        // 5-sigma binomial band, and so is the frequency of the first and last rows together.
        int n = 40, k = 10, seeds = 20_000;
        int[] hits = new int[n];
        int both = 0;
        for (int s = 0; s < seeds; s++) {
            int[] idx = RowSample.indices(n, k, s);
            for (int i : idx) hits[i]++;
            if (idx[0] == 0 && idx[k - 1] == n - 1) both++;
        }
        double p = (double) k / n;
        double sigma = Math.sqrt(seeds * p * (1 - p));
        for (int i = 0; i < n; i++) assertEquals(seeds * p, hits[i], 5 * sigma, "row " + i);
        double pBoth = p * (k - 1.0) / (n - 1);
        assertEquals(seeds * pBoth, both, 5 * Math.sqrt(seeds * pBoth * (1 - pBoth)), "pairs are uniform too");
    }

    @Test
    void aSampleHoldsTheChosenRowsWithTheirLabelsAndASmallMatrixIsKeptWhole() {
        DenseMatrix m = SyntheticMatrices.matrix(new Random(3), 1000, 5, 0.2);
        assertSame(m, RowSample.of(m, 0, 1), "0 = every row");
        assertSame(m, RowSample.of(m, 1000, 1));
        DenseMatrix s = RowSample.of(m, 250, 9);
        int[] idx = RowSample.indices(1000, 250, 9);
        assertEquals(250, s.rows());
        assertEquals(5, s.cols());
        for (int r = 0; r < 250; r++) {
            assertArrayEquals(m.row(idx[r]), s.row(r));
            assertEquals(m.labels()[idx[r]], s.labels()[r]);
        }
    }

    @Test
    void theSampleIsLargeEnoughToHoldTheMinimumOfPositivesAndIsNotTakenWhenThatNeedsEveryRow() {
        assertEquals(250_000, RowSample.size(800_000, 80_000, 250_000, 10_000), "plenty of positives: the cap");
        assertEquals(400_000, RowSample.size(800_000, 20_000, 250_000, 10_000), "10,000 of 20,000 positives need half the rows");
        assertEquals(800_000, RowSample.size(800_000, 5_000, 250_000, 10_000), "too few positives: every row");
        assertEquals(800_000, RowSample.size(800_000, 0, 250_000, 10_000));
        assertEquals(800_000, RowSample.size(800_000, 80_000, 0, 10_000), "0 = no sampling");
        assertEquals(100_000, RowSample.size(100_000, 1_000, 250_000, 0), "a slice under the cap is never sampled");
        assertEquals(250_000, RowSample.size(800_000, 100, 250_000, 0), "min-positives 0: the cap alone");
    }

    @Test
    void aNegativesSampleKeepsEveryPositiveAndFillsTheRestWithNegativesInRowOrder() {
        Random r = new Random(11);
        for (int t = 0; t < 100; t++) {
            DenseMatrix m = SyntheticMatrices.matrix(r, 50 + r.nextInt(400), 3, 0.02 + 0.4 * r.nextDouble());
            int maxRows = 1 + r.nextInt(m.rows() + 20);
            long seed = r.nextLong();
            DenseMatrix s = RowSample.ofNegatives(m, maxRows, seed);
            int positives = (int) m.positives();
            int expectedNegatives = Math.max(maxRows - positives, positives);
            if (m.rows() <= maxRows || expectedNegatives >= m.rows() - positives) {
                assertSame(m, s, "nothing to leave out: the matrix itself");
                continue;
            }
            // Brute force: walk the original rows in order and match each sampled row to the next
            // original row with the same content (rows are distinct: continuous random features).
            assertEquals(positives, s.positives(), "every positive kept");
            assertEquals(positives + expectedNegatives, s.rows());
            int at = 0;
            for (int i = 0; i < m.rows() && at < s.rows(); i++) {
                if (Arrays.equals(m.row(i), s.row(at))) {
                    assertEquals(m.labels()[i], s.labels()[at]);
                    at++;
                } else {
                    assertEquals(0, m.labels()[i], "only negatives are left out (row " + i + ")");
                }
            }
            assertEquals(s.rows(), at, "the sample is a subsequence of the rows: their order is kept");
            assertArrayEquals(s.values(), RowSample.ofNegatives(m, maxRows, seed).values(), "the seed fixes the sample");
        }
    }

    @Test
    void aNegativesSampleChoosesEveryNegativeWithTheSameProbability() {
        // 10 positives, 30 negatives, room for 20 rows: 10 negatives kept, each with probability 1/3.
        int[] labels = new int[40];
        double[] values = new double[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 4 == 0 ? 1 : 0;
            values[i] = i;
        }
        DenseMatrix m = new DenseMatrix(40, 1, values, labels);
        int seeds = 20_000;
        int[] hits = new int[40];
        for (int seed = 0; seed < seeds; seed++) {
            for (double v : RowSample.ofNegatives(m, 20, seed).values()) hits[(int) v]++;
        }
        double p = 1.0 / 3;
        for (int i = 0; i < 40; i++) {
            if (labels[i] == 1) assertEquals(seeds, hits[i], "positive row " + i + " always kept");
            else assertEquals(seeds * p, hits[i], 5 * Math.sqrt(seeds * p * (1 - p)), "negative row " + i);
        }
        assertEquals(20, RowSample.ofNegatives(m, 12, 1).rows(), "at least as many negatives as positives");
    }

    @Test
    void keepPositivesSamplesUniformlyWhereThatHoldsTheMinimumAndKeepsEveryPositiveOfARareTarget() {
        DenseMatrix common = SyntheticMatrices.matrix(new Random(5), 4000, 3, 0.3);
        DenseMatrix rare = SyntheticMatrices.matrix(new Random(6), 4000, 3, 0.02);
        var keep = new com.alphaleak.config.AlphaLeakConfig.SearchSample(SampleMethod.KEEP_POSITIVES, 1000, 100, 1, SampledFinalModel.BOOSTER);
        var uniform = new com.alphaleak.config.AlphaLeakConfig.SearchSample(SampleMethod.UNIFORM, 1000, 100, 1, SampledFinalModel.BOOSTER);

        assertArrayEquals(RowSample.of(common, 1000, 3).values(), RowSample.forSearch(common, keep, 3).values(),
                "~300 expected positives in 1000 uniform rows: the uniform sample");
        assertArrayEquals(RowSample.forSearch(common, uniform, 3).values(), RowSample.forSearch(common, keep, 3).values());

        DenseMatrix kept = RowSample.forSearch(rare, keep, 3);
        assertEquals(1000, kept.rows(), "a rare target's sample keeps the row count");
        assertEquals(rare.positives(), kept.positives(), "and every positive");
        assertArrayEquals(RowSample.ofNegatives(rare, 1000, 3).values(), kept.values());
        assertEquals(RowSample.size(4000, rare.positives(), 1000, 100), RowSample.forSearch(rare, uniform, 3).rows(),
                "uniform grows the sample instead");
        assertTrue(RowSample.forSearch(rare, uniform, 3).rows() > 1000);

        var tooFew = new com.alphaleak.config.AlphaLeakConfig.SearchSample(SampleMethod.KEEP_POSITIVES, 1000, 1000, 1, SampledFinalModel.BOOSTER);
        assertSame(rare, RowSample.forSearch(rare, tooFew, 3), "fewer positives than min-positives in all rows: no sample");
    }
}
