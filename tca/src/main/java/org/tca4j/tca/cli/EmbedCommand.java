package org.tca4j.tca.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.io.AtomicFiles;
import org.tca4j.vit.model.Clip;

/**
 * {@code embed}: image and text embeddings as NumPy files, ready for Python tools and vector stores. Every output
 * file is written whole and renamed into place. Unreadable images are reported and skipped; the exit code is then 1.
 */
final class EmbedCommand implements Command {
    private final Function<String, Session> sessions;

    EmbedCommand(Function<String, Session> sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public String summary() {
        return "write image and text embeddings as .npy files";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j embed --model FILE [--images IMG|DIR ...] [--texts-file F] --out DIR [--normalize]

                Writes into DIR:
                  image_features.npy  float32 [N, E], one row per image read, in the order of images.txt
                  images.txt          the images, one path per line
                  text_features.npy   float32 [T, E], one row per line of the texts file
                  tokens.npy          int32 [T, 77], the token ids of each text
                Features are unnormalized unless --normalize is given. Images may also be given as plain
                arguments; directories are read for image files. Unreadable images are reported and skipped, and
                the exit code is then 1.

                  --model FILE     a tca4j model file (see convert)
                  --images P       an image or a directory (repeatable)
                  --texts-file F   UTF-8 text, one text per line
                  --out DIR        output directory (created if missing)
                  --normalize      divide every row by its L2 norm""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "images", "texts-file", "out");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("normalize");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> imageArgs = new ArrayList<>(args.all("images"));
        imageArgs.addAll(args.positional());
        List<Path> images = ImageFiles.expand(imageArgs);
        List<String> texts = args.has("texts-file") ? readTexts(Path.of(args.get("texts-file", ""))) : null;
        if (imageArgs.isEmpty() && texts == null) {
            throw new UsageException("nothing to embed: give --images and/or --texts-file");
        }
        Path dir = Path.of(args.require("out"));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out " + dir + ": exists and is not a directory");
        }
        Session session = sessions.apply(args.require("model"));
        boolean normalize = args.flag("normalize");
        // every text is tokenized before anything is written, so a text problem leaves no half set of files
        int[][] tokens = texts == null ? null : tokenize(session, texts);
        int failures = 0;
        if (!imageArgs.isEmpty()) {
            failures = embedImages(session, images, normalize, dir, err);
            out.printf("%d image embeddings -> %s%n", images.size() - failures, dir.resolve("image_features.npy"));
        }
        if (tokens != null) {
            Clip clip = session.clip();
            FloatMatrix features = clip.encodeTexts(tokens);
            NpyWriter.writeFloat32(dir.resolve("text_features.npy"), normalize ? Clip.normalizeRows(features) : features);
            NpyWriter.writeInt32(dir.resolve("tokens.npy"), tokens, clip.config().text().contextLength());
            out.printf("%d text embeddings -> %s%n", tokens.length, dir.resolve("text_features.npy"));
        }
        if (failures > 0) {
            err.printf("tca4j embed: %d of %d images could not be read%n", failures, images.size());
        }
        return failures > 0 ? 1 : 0;
    }

    private static int[][] tokenize(Session session, List<String> texts) {
        int[][] tokens = new int[texts.size()][];
        for (int t = 0; t < tokens.length; t++) {
            tokens[t] = session.tokenize(texts.get(t));
        }
        return tokens;
    }

    private static int embedImages(Session session, List<Path> images, boolean normalize, Path dir, PrintStream err)
            throws IOException {
        FloatMatrix features = FloatMatrix.allocate(images.size(), session.clip().config().embedDim());
        StringBuilder names = new StringBuilder();
        Progress progress = new Progress(err, images.size(), "image");
        int rows = 0;
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            try {
                features.rowView(rows).copyFrom(session.clip().encodeImages(session.loadImage(image)));
                names.append(image).append('\n');
                rows++;
            } catch (IOException | IllegalArgumentException e) {
                err.println("tca4j embed: skipped " + Skips.describe(image, e));
            }
            progress.update(i + 1);
        }
        FloatMatrix read = features.rows(0, rows);
        NpyWriter.writeFloat32(dir.resolve("image_features.npy"), normalize ? Clip.normalizeRows(read) : read);
        AtomicFiles.write(dir.resolve("images.txt"), names.toString().getBytes(StandardCharsets.UTF_8));
        return images.size() - rows;
    }

    /** One text per line, split on {@code \n} only (a trailing newline ends the last text; {@code \r} is dropped). */
    static List<String> readTexts(Path file) {
        String all = TextInputs.read("texts-file", file);
        List<String> lines = new ArrayList<>(Arrays.asList(all.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return lines;
    }
}
