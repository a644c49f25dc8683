package org.tca4j.core.kernels;

import org.tca4j.core.tensor.FloatMatrix;

/**
 * The weights of a linear layer, {@code y = x·Wᵀ + b}, prepared once for {@link MatMul}.
 *
 * <p>{@code weight} is in PyTorch's {@code Linear} layout, {@code [out, in]}; {@code bias} is {@code [1, out]} or
 * {@code null}. Preparing may repack the weight into the layout the kernel reads fastest; the original is then no
 * longer read.
 */
public final class Linear {
    private final FloatMatrix weight; // [N, K]
    private final FloatMatrix bias;   // [1, N] or null

    private Linear(FloatMatrix weight, FloatMatrix bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** Prepares {@code weight} {@code [out, in]} and an optional {@code bias} {@code [1, out]}. */
    public static Linear of(FloatMatrix weight, FloatMatrix bias) {
        if (bias != null && (bias.rows() != 1 || bias.cols() != weight.rows())) {
            throw new IllegalArgumentException("bias " + bias + " does not fit weight " + weight);
        }
        return new Linear(weight, bias);
    }

    /** Input features, K. */
    public int in() {
        return weight.cols();
    }

    /** Output features, N. */
    public int out() {
        return weight.rows();
    }

    /** The weight in {@code [out, in]} layout. */
    public FloatMatrix weight() {
        return weight;
    }

    /** The bias {@code [1, out]}, or {@code null}. */
    public FloatMatrix bias() {
        return bias;
    }
}
