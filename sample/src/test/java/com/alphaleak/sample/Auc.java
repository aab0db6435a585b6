package com.alphaleak.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test helper: ROC AUC by average ranks (ties share their rank); null scores are skipped. */
final class Auc {
    private Auc() {}

    static double of(List<Double> scores, List<Boolean> labels) {
        List<double[]> v = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            if (scores.get(i) != null) {
                v.add(new double[]{scores.get(i), labels.get(i) ? 1 : 0});
            }
        }
        v.sort(Comparator.comparingDouble(a -> a[0]));
        double positives = 0;
        double negatives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < v.size()) {
            int j = i;
            while (j < v.size() && v.get(j)[0] == v.get(i)[0]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (v.get(k)[1] == 1) {
                    rankSum += rank;
                    positives++;
                } else {
                    negatives++;
                }
            }
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
