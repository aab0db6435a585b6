package com.alphaleak.config;

import java.util.List;

/**
 * One dimension of the hyperparameter search space.
 *
 * @param name    LightGBM parameter name in snake case (e.g. {@code num_leaves})
 * @param type    distribution
 * @param low     inclusive lower bound (numeric types)
 * @param high    inclusive upper bound (numeric types)
 * @param choices values of a categorical parameter
 */
public record ParamRange(String name, ParamType type, double low, double high, List<String> choices) {}
