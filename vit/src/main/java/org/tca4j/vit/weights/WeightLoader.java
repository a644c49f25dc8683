package org.tca4j.vit.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tca4j.core.kernels.Linear;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.config.TextConfig;
import org.tca4j.vit.config.VisionConfig;

/**
 * The one place where OpenCLIP state-dict keys become weight fields.
 *
 * <p>Every key of a CLIP model and its shape (as a {@link TensorSource} hands it out, 2-D) is listed by
 * {@link #expectedShapes}; the loader reads exactly those keys and fails with a {@link WeightException} naming the
 * key when one is missing or has another shape. Large tensors are used where they lie (e.g. in a memory-mapped
 * file), with one exception, the explicit list of transposes: {@code visual.proj} and {@code text_projection} are
 * stored {@code [width, E]} for {@code x @ W} and are copied once into {@code [E, width]} so every layer is
 * {@code x·Wᵀ}. The small ones the kernels combine with activations (layer norms, biases, class and positional
 * embeddings) are copied to the heap, see {@link Reader#onHeap}.
 *
 * <p>Loading time and memory: the blocks of a tower are prepared in parallel (the common fork-join pool; a
 * {@link TensorSource} is read-only and safe to share). When the vector kernels run, {@link Linear#of} copies a
 * weight into its packed layout and no longer reads the original; a memory-mapped original is then
 * {@linkplain java.lang.foreign.MemorySegment#unload() unloaded}, so the file's pages are not held resident next to
 * the packed copy (the page cache keeps them for the next run).
 */
public final class WeightLoader {
    /** Keys stored {@code [in, out]} that are transposed once at load time. */
    public static final List<String> TRANSPOSED_KEYS = List.of("visual.proj", "text_projection");

    private WeightLoader() {}

    /** Loads and checks every tensor of the model. */
    public static ClipWeights load(TensorSource source) {
        ClipConfig config = source.config();
        Reader r = new Reader(source, expectedShapes(config));
        return new ClipWeights(config, vision(r, config.vision()), text(r, config.text()),
                r.matrix("logit_scale").get(0, 0));
    }

    /** Loads and checks the image tower only. */
    public static VisionWeights loadVision(TensorSource source) {
        return vision(new Reader(source, expectedShapes(source.config())), source.config().vision());
    }

    /** Loads and checks the text tower only. */
    public static TextWeights loadText(TensorSource source) {
        return text(new Reader(source, expectedShapes(source.config())), source.config().text());
    }

    /**
     * Every key of a model with this configuration and its {@code [rows, cols]} shape as a {@link TensorSource}
     * returns it, in OpenCLIP's order: {@link OpenClipKeys#expectedShapes} seen through
     * {@link OpenClipKeys#matrixShape}.
     */
    public static Map<String, int[]> expectedShapes(ClipConfig config) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        OpenClipKeys.expectedShapes(config).forEach((key, shape) -> shapes.put(key, OpenClipKeys.matrixShape(shape)));
        return Collections.unmodifiableMap(shapes);
    }

    private static VisionWeights vision(Reader r, VisionConfig v) {
        List<BlockWeights> blocks = IntStream.range(0, v.layers()).parallel()
                .mapToObj(i -> block(r, "visual.transformer.resblocks." + i)).toList();
        return new VisionWeights(
                r.linear(r.matrix("visual.conv1.weight"), null),
                r.onHeap("visual.class_embedding"),
                r.onHeap("visual.positional_embedding"),
                r.layerNorm("visual.ln_pre"),
                blocks,
                r.layerNorm("visual.ln_post"),
                r.linear(r.transposed("visual.proj"), null));
    }

    private static TextWeights text(Reader r, TextConfig t) {
        List<BlockWeights> blocks = IntStream.range(0, t.layers()).parallel()
                .mapToObj(i -> block(r, "transformer.resblocks." + i)).toList();
        return new TextWeights(
                r.matrix("token_embedding.weight"),
                r.onHeap("positional_embedding"),
                blocks,
                r.layerNorm("ln_final"),
                r.linear(r.transposed("text_projection"), null));
    }

    private static BlockWeights block(Reader r, String prefix) {
        return new BlockWeights(
                r.layerNorm(prefix + ".ln_1"),
                r.linear(prefix + ".attn.in_proj_weight", prefix + ".attn.in_proj_bias"),
                r.linear(prefix + ".attn.out_proj.weight", prefix + ".attn.out_proj.bias"),
                r.layerNorm(prefix + ".ln_2"),
                r.linear(prefix + ".mlp.c_fc.weight", prefix + ".mlp.c_fc.bias"),
                r.linear(prefix + ".mlp.c_proj.weight", prefix + ".mlp.c_proj.bias"));
    }

    /** Fetches tensors from a source and checks each against its expected shape. */
    private record Reader(TensorSource source, Map<String, int[]> shapes) {
        FloatMatrix matrix(String key) {
            int[] shape = shapes.get(key);
            FloatMatrix m;
            try {
                m = source.tensor(key);
            } catch (IllegalArgumentException e) {
                throw new WeightException(source + ": missing tensor " + key + " (" + e.getMessage() + ")");
            }
            if (m == null) {
                throw new WeightException(source + ": missing tensor " + key);
            }
            if (m.rows() != shape[0] || m.cols() != shape[1]) {
                throw new WeightException(source + ": tensor " + key + " is " + m.rows() + "×" + m.cols()
                        + ", the config needs " + shape[0] + "×" + shape[1]);
            }
            return m;
        }

        LayerNormWeights layerNorm(String prefix) {
            return new LayerNormWeights(onHeap(prefix + ".weight"), onHeap(prefix + ".bias"));
        }

        Linear linear(String weightKey, String biasKey) {
            return linear(matrix(weightKey), onHeap(biasKey));
        }

        /**
         * A small tensor (layer norm, bias, embedding to add) on the heap: a mapped one is copied and released. The
         * activations are heap arrays, and a vector load or store whose call site sees native and heap segments
         * both loses its C2 intrinsic and runs lane by lane (5× slower in a plain add, measured on the development
         * VM; 10-15 % of a ViT-B/16 pass from a model file went there).
         */
        FloatMatrix onHeap(String key) {
            FloatMatrix m = matrix(key);
            if (!m.segment().isNative()) {
                return m;
            }
            FloatMatrix copy = m.copy();
            if (m.segment().isMapped()) {
                m.segment().unload();
            }
            return copy;
        }

        /** The layer; a mapped weight the vector kernels have copied is released from memory (not unmapped). */
        Linear linear(FloatMatrix weight, FloatMatrix bias) {
            Linear layer = Linear.of(weight, bias);
            if (Simd.ENABLED && weight.segment().isMapped()) {
                weight.segment().unload();
            }
            return layer;
        }

        /** The {@code [in, out]} tensor as a new {@code [out, in]} matrix (a mapped original is released). */
        FloatMatrix transposed(String key) {
            FloatMatrix m = matrix(key);
            FloatMatrix t = FloatMatrix.allocate(m.cols(), m.rows());
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    t.set(j, i, m.get(i, j));
                }
            }
            if (m.segment().isMapped()) {
                m.segment().unload();
            }
            return t;
        }
    }
}
