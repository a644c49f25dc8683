package org.tca4j.tca.cli;

import java.util.List;

/**
 * One matmul shape of CLIP ViT-B/16, {@code y[M, N] = x[M, K]·W[N, K]ᵀ}, as the benchmarks run it.
 *
 * @param name where the shape occurs in the model
 * @param m rows of x (tokens)
 * @param k input features
 * @param n output features
 */
public record GemmShape(String name, int m, int k, int n) {
    /** The image tower's shapes (197 tokens, width 768) and the text tower's (77 tokens, width 512). */
    public static final List<GemmShape> VIT_B16 = List.of(
            new GemmShape("image qkv", 197, 768, 2304),
            new GemmShape("image out-proj", 197, 768, 768),
            new GemmShape("image mlp fc", 197, 768, 3072),
            new GemmShape("image mlp proj", 197, 3072, 768),
            new GemmShape("text qkv", 77, 512, 1536),
            new GemmShape("text mlp fc", 77, 512, 2048),
            new GemmShape("text mlp proj", 77, 2048, 512));

    public GemmShape {
        if (m < 1 || k < 1 || n < 1) {
            throw new IllegalArgumentException("shape " + m + "×" + k + "→" + n + " must be positive");
        }
    }

    /** Floating-point operations of one product: two per multiply-accumulate. */
    public double flops() {
        return 2.0 * m * k * n;
    }

    /** The shape as {@code M×K→N}, also the JMH parameter value ({@link #parse}). */
    public String label() {
        return m + "x" + k + "->" + n;
    }

    /** Reads a {@link #label()}, e.g. {@code 197x768->2304}. */
    public static GemmShape parse(String label) {
        for (GemmShape s : VIT_B16) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        String[] mk = label.split("->");
        String[] parts = mk.length == 2 ? mk[0].split("x") : new String[0];
        if (parts.length != 2) {
            throw new IllegalArgumentException("shape '" + label + "' is not MxK->N");
        }
        try {
            return new GemmShape("custom", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(mk[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape '" + label + "' is not MxK->N", e);
        }
    }
}
