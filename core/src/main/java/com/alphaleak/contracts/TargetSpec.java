package com.alphaleak.contracts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A binary target {@code reach_<M>x_<H>}: 1 when the peak multiple within horizon H is at
 * least M (inclusive), else 0. Defined only once the horizon has fully elapsed and the
 * outcome was observed; otherwise the row is excluded from this target's data.
 */
public record TargetSpec(String name, double multiple, Horizon horizon) {
    private static final Pattern NAME = Pattern.compile("reach_(\\d+(?:\\.\\d+)?)x_([0-9]+[mh])");

    public static TargetSpec parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("target '" + name + "' is not of the form reach_<M>x_<H> (e.g. reach_2x_1h)");
        }
        double multiple = Double.parseDouble(m.group(1));
        if (multiple <= 1.0) {
            throw new IllegalArgumentException("target '" + name + "': multiple must be greater than 1");
        }
        try {
            return new TargetSpec(name, multiple, Horizon.parse(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
