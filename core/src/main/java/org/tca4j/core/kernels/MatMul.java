package org.tca4j.core.kernels;

import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.tensor.FloatMatrix;

/**
 * {@code y = x·Wᵀ + b}: x {@code [M, K]}, W {@code [N, K]} (PyTorch {@code Linear} layout), y {@code [M, N]}.
 *
 * <p>Scalar definition: each output is a dot product over K, accumulated in float from k = 0 upwards, plus the bias.
 */
public final class MatMul {
    private MatMul() {}

    /** {@code y = x·Wᵀ + b}; reports M·N·K multiply-accumulates. */
    public static void matmul(FloatMatrix x, Linear w, FloatMatrix y) {
        checkShapes(x, w.weight(), y);
        FlopCounter.addMacs((long) x.rows() * w.out() * w.in());
        scalarMatmul(x, w.weight(), w.bias(), y);
    }

    /** {@code y = a·bᵀ} for two activations a {@code [M, K]}, b {@code [N, K]}; reports M·N·K MACs. */
    public static void matmulTransposed(FloatMatrix a, FloatMatrix b, FloatMatrix y) {
        checkShapes(a, b, y);
        FlopCounter.addMacs((long) a.rows() * b.rows() * a.cols());
        scalarMatmul(a, b, null, y);
    }

    static void scalarMatmul(FloatMatrix x, FloatMatrix w, FloatMatrix bias, FloatMatrix y) {
        int m = x.rows(), n = w.rows(), k = x.cols();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc += x.get(i, p) * w.get(j, p);
                }
                y.set(i, j, bias == null ? acc : acc + bias.get(0, j));
            }
        }
    }

    private static void checkShapes(FloatMatrix x, FloatMatrix w, FloatMatrix y) {
        if (x.cols() != w.cols() || y.rows() != x.rows() || y.cols() != w.rows()) {
            throw new IllegalArgumentException("matmul " + x + " · (" + w + ")ᵀ into " + y);
        }
    }
}
