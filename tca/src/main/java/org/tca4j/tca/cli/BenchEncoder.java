package org.tca4j.tca.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.tca4j.core.flops.FlopCounter;
import org.tca4j.core.simd.Parallel;
import org.tca4j.core.simd.Simd;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.vit.condense.TokenCondenser;
import org.tca4j.vit.config.ClipConfig;
import org.tca4j.vit.model.Clip;
import org.tca4j.vit.model.ForwardTrace;

/**
 * {@code bench encoder}: milliseconds per image (and per prompt) of the CLIP towers on seeded inputs, the fvcore
 * GFLOPs of one image pass, GFLOP/s and their share of the FMA peak measured in the same process. A quick check;
 * the JMH benchmarks are the careful measurement.
 */
final class BenchEncoder implements Command {
    @Override
    public String name() {
        return "encoder";
    }

    @Override
    public String summary() {
        return "ms per image and per prompt of the CLIP towers, GFLOPs, % of the FMA peak";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j bench encoder --model FILE|synthetic:ViT-B-16 [--threads T] [--batch B] [--texts N]
                                           [--runs R] [--json]

                Encodes a batch of B seeded random images R times after one warm-up run and prints the median,
                fastest and slowest milliseconds per image, the fvcore GFLOPs of one image (the TCA paper's
                convention), the GFLOP/s reached and their share of the FMA peak on T threads. With --texts N it
                also times N seeded prompts of 10 tokens. It also reports the cold start: the model's loading time,
                the first (cold) image pass, the time from the JVM's start to the first image's features, and the
                peak resident memory of the process. A batch of at least T images is split over the T threads
                (each image on one thread); a smaller one runs image after image with the kernels on T threads.

                  --model M    a tca4j model file, or synthetic:NAME (NAME: ViT-B-16, ViT-B-32, ViT-L-14)
                  --threads T  threads (default: all %d cores); the images of a batch are spread over them
                  --batch B    images per run (default 1)
                  --texts N    prompts per run (default 0: no text timing)
                  --runs R     measured runs (default 5)
                  --json       one object: median_ms_per_image, min_ms, max_ms, gflops_per_image, gflops_per_s,
                               pct_of_peak, threads, batch, runs, model, load_ms, first_image_ms,
                               cold_start_ms, peak_rss_mb, and median_ms_per_prompt with --texts"""
                .formatted(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "threads", "batch", "texts", "runs");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("json");
    }

    /**
     * The measured figures. {@code loadMs} is the model's loading, {@code firstImageMs} the first image pass (a cold
     * JIT), {@code coldStartMs} the time from the JVM's start to the first image's features (the whole process, as
     * the OS dates it), {@code peakRssMb} the process's peak resident memory at the end ({@code VmHWM}); NaN where
     * the platform cannot tell.
     */
    record Result(String model, int threads, int batch, int runs, double medianMsPerImage, double minMs,
                  double maxMs, double gflopsPerImage, double gflopsPerSecond, double pctOfPeak, int texts,
                  double medianMsPerPrompt, double loadMs, double firstImageMs, double coldStartMs,
                  double peakRssMb) {}

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String spec = args.require("model");
        int threads = args.getInt("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        int batch = args.getInt("batch", 1, 1, 4096);
        int texts = args.getInt("texts", 0, 0, 100_000);
        int runs = args.getInt("runs", 5, 1, 10_000);
        long loadStart = System.nanoTime();
        Clip clip = ModelSpec.load(spec);
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        Result r = measure(spec, clip, threads, batch, texts, runs, loadMs);
        out.println(args.flag("json") ? toJson(r) : toText(r, clip.config()));
        return 0;
    }

    static Result measure(String spec, Clip clip, int threads, int batch, int texts, int runs, double loadMs)
            throws Exception {
        ClipConfig config = clip.config();
        FloatMatrix images = randomImages(batch, config.vision().imageSize(), 1);
        FlopCounter counter = new FlopCounter();
        long firstStart = System.nanoTime();
        Parallel.withThreads(threads, () -> FlopCounter.measure(counter, () -> {
            clip.visual().encode(images.rowView(0), TokenCondenser.NONE, ForwardTrace.NONE);
        }));
        double firstImageMs = (System.nanoTime() - firstStart) / 1e6;
        double coldStartMs = ProcessStats.millisSinceStart();
        double[] msPerImage = new double[runs];
        double[] msPerPrompt = new double[runs];
        int[][] prompts = randomPrompts(texts, config.text().contextLength(), config.text().vocabSize(), 2);
        try (BatchRunner runner = new BatchRunner(clip, threads)) {
            runner.encodeImages(images);
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                runner.encodeImages(images);
                msPerImage[r] = (System.nanoTime() - t0) / 1e6 / batch;
                if (texts > 0) {
                    long t1 = System.nanoTime();
                    runner.encodeTexts(prompts);
                    msPerPrompt[r] = (System.nanoTime() - t1) / 1e6 / texts;
                }
            }
        }
        Arrays.sort(msPerImage);
        Arrays.sort(msPerPrompt);
        double median = median(msPerImage);
        double gflopsPerSecond = counter.flops() / 1e9 / (median / 1e3);
        double peak = FmaPeak.measure(threads, BenchPeak.TRIALS, BenchPeak.WINDOW_MILLIS).medianGflops();
        return new Result(spec, threads, batch, runs, median, msPerImage[0], msPerImage[runs - 1],
                counter.fvcoreGflops(), gflopsPerSecond, 100 * gflopsPerSecond / peak, texts,
                texts > 0 ? median(msPerPrompt) : Double.NaN, loadMs, firstImageMs, coldStartMs,
                ProcessStats.peakResidentMegabytes());
    }

    /** A JSON number with one decimal, or null for NaN. */
    private static String number(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.1f", v);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** {@code count} preprocessed-looking images, values uniform in [-2, 2). */
    static FloatMatrix randomImages(int count, int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[Math.multiplyExact(count, 3 * side * side)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (4 * random.nextDouble() - 2);
        }
        return FloatMatrix.wrap(data, count, 3 * side * side);
    }

    /** Prompts of 10 tokens: start, 8 ids, end (the two largest ids), zero padding. */
    static int[][] randomPrompts(int count, int contextLength, int vocab, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] out = new int[count][contextLength];
        for (int[] ids : out) {
            ids[0] = vocab - 2;
            for (int i = 1; i <= 8; i++) {
                ids[i] = 1 + random.nextInt(vocab - 3);
            }
            ids[9] = vocab - 1;
        }
        return out;
    }

    static String toText(Result r, ClipConfig config) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: image %d px, %d tokens; %d thread%s, batch %d, %d runs; %s%n",
                r.model(), config.vision().imageSize(), config.vision().tokens(), r.threads(),
                r.threads() == 1 ? "" : "s", r.batch(), r.runs(), Simd.describe()));
        sb.append(String.format(Locale.ROOT,
                "image: %.1f ms median (%.1f .. %.1f), %.2f GFLOPs (fvcore), %.1f GFLOP/s, %.1f%% of peak",
                r.medianMsPerImage(), r.minMs(), r.maxMs(), r.gflopsPerImage(), r.gflopsPerSecond(), r.pctOfPeak()));
        if (r.texts() > 0) {
            sb.append(String.format(Locale.ROOT, "%ntext: %.2f ms per prompt median (%d prompts of 10 tokens)",
                    r.medianMsPerPrompt(), r.texts()));
        }
        sb.append(String.format(Locale.ROOT, "%ncold start: model loaded in %.0f ms, first image pass %.0f ms, "
                + "first image features %.0f ms after the JVM started; peak RSS %.0f MB",
                r.loadMs(), r.firstImageMs(), r.coldStartMs(), r.peakRssMb()));
        return sb.toString();
    }

    static String toJson(Result r) {
        StringBuilder sb = new StringBuilder("{");
        sb.append(String.format(Locale.ROOT, "\"model\": \"%s\", \"threads\": %d, \"batch\": %d, \"runs\": %d, "
                        + "\"median_ms_per_image\": %.3f, \"min_ms\": %.3f, \"max_ms\": %.3f, \"gflops_per_image\": %.4f, "
                        + "\"gflops_per_s\": %.2f, \"pct_of_peak\": %.1f",
                Json.escape(r.model()), r.threads(), r.batch(), r.runs(), r.medianMsPerImage(), r.minMs(), r.maxMs(),
                r.gflopsPerImage(), r.gflopsPerSecond(), r.pctOfPeak()));
        if (r.texts() > 0) {
            sb.append(String.format(Locale.ROOT, ", \"texts\": %d, \"median_ms_per_prompt\": %.3f", r.texts(),
                    r.medianMsPerPrompt()));
        }
        sb.append(String.format(Locale.ROOT, ", \"load_ms\": %s, \"first_image_ms\": %s, \"cold_start_ms\": %s, "
                + "\"peak_rss_mb\": %s", number(r.loadMs()), number(r.firstImageMs()), number(r.coldStartMs()),
                number(r.peakRssMb())));
        return sb.append("}").toString();
    }
}
