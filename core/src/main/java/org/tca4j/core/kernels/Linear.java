package org.tca4j.core.kernels;

import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * The weights of a linear layer, {@code y = x·Wᵀ + b}, prepared once for {@link MatMul}.
 *
 * <p>{@code weight} is in PyTorch's {@code Linear} layout, {@code [out, in]}; {@code bias} is {@code [1, out]} or
 * {@code null}. When the vector kernels run, preparing copies the weight into the panel layout of the vector GEMM
 * (column panels of two vectors' width, k-major inside a panel: see {@code Panels}) and the original is no longer
 * read or referenced (a memory-mapped file can be unmapped, a heap array collected). The scalar kernels read the
 * original in place.
 */
public final class Linear {
    private final int out;
    private final int in;
    private final FloatMatrix weight; // [N, K], or null once packed
    private final Panels packed;      // Wᵀ in panels, or null for the scalar kernels
    private final FloatMatrix bias;   // [1, N] or null

    private Linear(int out, int in, FloatMatrix weight, Panels packed, FloatMatrix bias) {
        this.out = out;
        this.in = in;
        this.weight = weight;
        this.packed = packed;
        this.bias = bias;
    }

    /** Prepares {@code weight} {@code [out, in]} and an optional {@code bias} {@code [1, out]}. */
    public static Linear of(FloatMatrix weight, FloatMatrix bias) {
        if (bias != null && (bias.rows() != 1 || bias.cols() != weight.rows())) {
            throw new IllegalArgumentException("bias " + bias + " does not fit weight " + weight);
        }
        if (Simd.ENABLED) {
            return new Linear(weight.rows(), weight.cols(), null, Panels.of(weight), bias);
        }
        return new Linear(weight.rows(), weight.cols(), weight, null, bias);
    }

    /** Input features, K. */
    public int in() {
        return in;
    }

    /** Output features, N. */
    public int out() {
        return out;
    }

    /**
     * The weight in {@code [out, in]} layout: the original for the scalar kernels, else a fresh copy unpacked from
     * the panels (for inspection and tests; not for hot paths).
     */
    public FloatMatrix weight() {
        return weight != null ? weight : packed.unpackTransposed();
    }

    /** The bias {@code [1, out]}, or {@code null}. */
    public FloatMatrix bias() {
        return bias;
    }

    /** The original weight for the scalar kernels; null when packed. */
    FloatMatrix scalarWeight() {
        return weight;
    }

    /** The packed weight for the vector kernels; null for the scalar kernels. */
    Panels packed() {
        return packed;
    }
}
