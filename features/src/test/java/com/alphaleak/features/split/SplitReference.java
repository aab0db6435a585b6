package com.alphaleak.features.split;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/** The split rule restated naively from its Javadoc: sort all times, index, count. */
final class SplitReference {
    private SplitReference() {}

    /** @param calibrationStart null without calibration */
    record Expected(long validationStart, Long calibrationStart, long train, long validation, long calibration) {
        SplitSide sideOf(long time) {
            if (calibrationStart != null && time >= calibrationStart) return SplitSide.CALIBRATION;
            return time >= validationStart ? SplitSide.VALIDATION : SplitSide.TRAIN;
        }
    }

    /** @return null when some slice would be empty */
    static Expected split(List<Long> times, double validationFraction, double calibrationFraction) {
        int n = times.size();
        List<Long> newestFirst = new ArrayList<>(times);
        newestFirst.sort(Comparator.reverseOrder());
        int slices = calibrationFraction > 0 ? 3 : 2;
        if (n == 0 || new HashSet<>(times).size() < slices) return null;
        long rv = rows(validationFraction, n);
        long rc = calibrationFraction > 0 ? rows(calibrationFraction, n) : 0;
        if (rv == 0 || (calibrationFraction > 0 && rc == 0)) return null;
        Long calibrationStart = null;
        long calibration = 0;
        if (calibrationFraction > 0) {
            calibrationStart = newestFirst.get((int) rc - 1);
            final long b = calibrationStart;
            calibration = times.stream().filter(t -> t >= b).count();
        }
        if (calibration + rv >= n) return null;
        long validationStart = newestFirst.get((int) (calibration + rv) - 1);
        long heldOut = times.stream().filter(t -> t >= validationStart).count();
        if (heldOut == n) return null;
        return new Expected(validationStart, calibrationStart, n - heldOut, heldOut - calibration, calibration);
    }

    private static long rows(double fraction, int n) {
        return new BigDecimal(Double.toString(fraction)).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.HALF_UP).longValue();
    }
}
