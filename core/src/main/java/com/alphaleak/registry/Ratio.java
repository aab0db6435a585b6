package com.alphaleak.registry;

/** A derived feature {@code numerator / denominator} over two other features of the same vector. */
public record Ratio(String numerator, String denominator) {
    public String formula() {
        return numerator + " / " + denominator;
    }
}
