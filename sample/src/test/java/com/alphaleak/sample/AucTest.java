package com.alphaleak.sample;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rank-based AUC used by the world tests agrees with the pairwise definition. */
class AucTest {
    @Test
    void matchesPairwiseCountIncludingTies() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            List<Double> scores = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                scores.add(random.nextInt(8) == 0 ? null : (double) random.nextInt(10));
                labels.add(random.nextBoolean());
            }
            double wins = 0;
            double pairs = 0;
            for (int a = 0; a < scores.size(); a++) {
                for (int b = 0; b < scores.size(); b++) {
                    if (scores.get(a) != null && scores.get(b) != null && labels.get(a) && !labels.get(b)) {
                        pairs++;
                        wins += scores.get(a) > scores.get(b) ? 1 : scores.get(a).equals(scores.get(b)) ? 0.5 : 0;
                    }
                }
            }
            assertEquals(wins / pairs, Auc.of(scores, labels), 1e-12);
        }
    }
}
