package org.tca4j.tca.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.tca4j.tca.io.AtomicFiles;

/**
 * A method's running totals over the stream, and its checkpoint: how many images are done, the predictions so far,
 * the GFLOPs sum, the summed token schedule, the time spent, and the method's own state. The checkpoint is a small
 * text file of {@code key value} lines, written atomically, and only read back when its fingerprint (the run's
 * settings) matches.
 */
final class MethodTally {
    private static final String MAGIC = "tca4j-eval-checkpoint 1";

    final String method;
    final int[] predictions;
    final int[] labels;
    int done;
    int correct;
    double gflopsSum;
    long[] tokenSums = new long[0];
    long nanos;

    MethodTally(String method, int streamLength) {
        this.method = method;
        this.predictions = new int[streamLength];
        this.labels = new int[streamLength];
    }

    void add(int label, Prediction p, long elapsedNanos) {
        labels[done] = label;
        predictions[done++] = p.label();
        if (p.label() == label) {
            correct++;
        }
        gflopsSum += p.gflops();
        int[] tokens = p.tokensPerBlock();
        if (tokenSums.length < tokens.length) {
            tokenSums = Arrays.copyOf(tokenSums, tokens.length);
        }
        for (int b = 0; b < tokens.length; b++) {
            tokenSums[b] += tokens[b];
        }
        nanos += elapsedNanos;
    }

    double accuracy() {
        return done == 0 ? 0 : (double) correct / done;
    }

    /** Writes the checkpoint with the method's current state. */
    void save(Path file, String fingerprint, byte[] state) throws IOException {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        sb.append("fingerprint ").append(Base64.getEncoder().encodeToString(fingerprint.getBytes(StandardCharsets.UTF_8)))
                .append('\n');
        sb.append("method ").append(method).append('\n');
        sb.append("done ").append(done).append('\n');
        sb.append("correct ").append(correct).append('\n');
        sb.append("gflopsSum ").append(Double.doubleToRawLongBits(gflopsSum)).append('\n');
        sb.append("nanos ").append(nanos).append('\n');
        sb.append("tokenSums").append(join(tokenSums)).append('\n');
        sb.append("predictions").append(join(Arrays.stream(predictions, 0, done).asLongStream().toArray())).append('\n');
        sb.append("labels").append(join(Arrays.stream(labels, 0, done).asLongStream().toArray())).append('\n');
        sb.append("state ").append(Base64.getEncoder().encodeToString(state)).append('\n');
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String join(long[] values) {
        StringBuilder sb = new StringBuilder();
        for (long v : values) {
            sb.append(' ').append(v);
        }
        return sb.toString();
    }

    /** A tally and state restored from {@code file}. */
    record Restored(MethodTally tally, byte[] state) {}

    /**
     * Reads a checkpoint. Returns null when the file does not exist.
     *
     * @throws CheckpointException when the file is damaged or belongs to other settings
     */
    static Restored load(Path file, String method, String fingerprint, int streamLength) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.getFirst().equals(MAGIC)) {
            throw new CheckpointException(file + ": not a tca4j eval checkpoint");
        }
        for (String line : lines.subList(1, lines.size())) {
            int space = line.indexOf(' ');
            fields.put(space < 0 ? line : line.substring(0, space), space < 0 ? "" : line.substring(space + 1));
        }
        try {
            String stored = new String(Base64.getDecoder().decode(fields.get("fingerprint")), StandardCharsets.UTF_8);
            if (!stored.equals(fingerprint)) {
                throw new CheckpointException(file + ": made with other settings (" + stored.replace('\n', ' ')
                        + "); remove it or the output directory, or run without --resume");
            }
            if (!method.equals(fields.get("method"))) {
                throw new CheckpointException(file + ": is for method " + fields.get("method") + ", not " + method);
            }
            MethodTally t = new MethodTally(method, streamLength);
            int done = Integer.parseInt(fields.get("done"));
            long[] predictions = numbers(fields.get("predictions"));
            long[] labels = numbers(fields.get("labels"));
            if (done > streamLength) {
                throw new CheckpointException(file + ": has " + done + " images done, more than the " + streamLength
                        + " of this run's --limit; use a larger limit or another output directory");
            }
            if (done < 0 || predictions.length != done || labels.length != done) {
                throw new CheckpointException(file + ": inconsistent (" + done + " done, " + predictions.length
                        + " predictions, stream of " + streamLength + ")");
            }
            for (int i = 0; i < done; i++) {
                t.predictions[i] = Math.toIntExact(predictions[i]);
                t.labels[i] = Math.toIntExact(labels[i]);
            }
            t.done = done;
            t.correct = Integer.parseInt(fields.get("correct"));
            t.gflopsSum = Double.longBitsToDouble(Long.parseLong(fields.get("gflopsSum")));
            t.nanos = Long.parseLong(fields.get("nanos"));
            t.tokenSums = numbers(fields.get("tokenSums"));
            return new Restored(t, Base64.getDecoder().decode(fields.get("state")));
        } catch (NullPointerException | IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointException(file + ": damaged checkpoint (" + e.getMessage() + ")");
        }
    }

    private static long[] numbers(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? new long[0] : Arrays.stream(t.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /** A checkpoint cannot be used. */
    static final class CheckpointException extends IOException {
        CheckpointException(String message) {
            super(message);
        }
    }
}
