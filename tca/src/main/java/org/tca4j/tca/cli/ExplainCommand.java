package org.tca4j.tca.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.adapt.VisionPass;
import org.tca4j.tca.baselines.EvitCondenser;
import org.tca4j.tca.baselines.TomeCondenser;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.tca.condense.TcaCondenser;
import org.tca4j.tca.config.Method;
import org.tca4j.tca.config.TcaConfig;
import org.tca4j.tca.io.AtomicFiles;
import org.tca4j.tca.reservoir.AnchorCache;
import org.tca4j.tca.reservoir.ReservoirFile;
import org.tca4j.tca.reservoir.TokenReservoir;
import org.tca4j.vit.model.ZeroShotClassifier;

/**
 * {@code explain}: one image's condensation made visible: a PNG with, per condensation block, which patches were
 * kept, merged (one colour per merged token) and fused, and the plan as text on standard output.
 */
final class ExplainCommand implements Command {
    private final Function<String, Session> sessions;

    ExplainCommand(Function<String, Session> sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String summary() {
        return "show which patches one image's condensation keeps, merges and fuses (PNG + text)";
    }

    @Override
    public String help() {
        return """
                Usage: tca4j explain [--model FILE] --out PNG [--method M] [--labels L | --labels-file F]
                                     [--templates T] [--load-reservoir F] [--rows] IMAGE

                Runs one condensed pass and writes a PNG: the image as the model sees it, then one panel per
                condensation block where every image patch is coloured by what its token became: kept (clear),
                merged (one colour per merged token), fused (dark). Tokens merged in an earlier block are followed,
                so later panels map back to image patches. The plan is printed as text.

                  --method M         tca[:r=..] (default tca) | evit[:r=..] | tome[:r=..]
                  --model FILE       a tca4j model file (default: the embedded Fashion-MNIST CLIP)
                  --labels, --labels-file, --templates   also print the (uncorrected) prediction (the default
                                     model's training classes when neither --model nor labels are given)
                  --load-reservoir F use the anchors of a reservoir saved by stream --save-reservoir (TCA)
                  --rows             print every merged and fused row with its weights""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("model", "out", "method", "labels", "labels-file", "templates", "load-reservoir");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("rows");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Method method = StreamCommand.method(args.get("method", "tca"));
        if (method instanceof Method.Full) {
            throw new UsageException("--method full condenses nothing; choose tca, evit or tome");
        }
        if (args.positional().size() != 1) {
            throw new UsageException("give exactly one image");
        }
        Path image = Path.of(args.positional().getFirst());
        Path png = Path.of(args.require("out"));
        Session session = sessions.apply(DefaultLabels.model(args));
        var tower = session.clip().visual();
        FloatMatrix pixels = session.loadImage(image);
        RecordingCondenser condenser = condenser(method, anchors(args, method), tower.config().heads());
        float[] features = VisionPass.of(tower).encode(pixels, condenser);
        if (DefaultLabels.available(args)) {
            DefaultLabels.Labels resolved = DefaultLabels.resolve(args);
            List<String> labels = resolved.names();
            var texts = ZeroShotClassifier.build(session.clip(), labels, resolved.templates(), session::tokenize);
            float[] p = texts.probabilities(features);
            int best = org.tca4j.core.kernels.Reductions.argmax(p);
            out.printf(Locale.ROOT, "prediction: %s (%.2f%%)%n", labels.get(best), 100 * p[best]);
        }
        out.print(PlanText.describe(method, condenser, tower.config().grid(), args.flag("rows")));
        var picture = PlanPicture.draw(pixels, session.clip().config().preprocess(), tower.config().grid(),
                condenser.condensedBlocks(), image.getFileName().toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", bytes);
        AtomicFiles.write(png, bytes.toByteArray());
        out.println("wrote " + png);
        return 0;
    }

    private static AnchorCache anchors(Args args, Method method) throws java.io.IOException {
        if (!args.has("load-reservoir")) {
            return null;
        }
        if (!(method instanceof Method.Tca(TcaConfig c))) {
            throw new UsageException("--load-reservoir needs --method tca");
        }
        Path file = Path.of(args.get("load-reservoir", ""));
        ReservoirFile.Snapshot snap = ReservoirFile.read(file);
        TokenReservoir reservoir = new TokenReservoir(snap.byClass().size(), snap.capacity());
        snap.copyInto(file, reservoir);
        return reservoir.anchorCache(c.anchorGate());
    }

    private static RecordingCondenser condenser(Method method, AnchorCache anchors, int heads) {
        return switch (method) {
            case Method.Tca t -> new TcaCondenser(t.config(), anchors, new SplittableRandom(t.config().seed()));
            case Method.Evit e -> new EvitCondenser(e.rate(), e.layers());
            case Method.Tome t -> new TomeCondenser(t.rate(), t.layers(), heads);
            case Method.Full f -> throw new IllegalStateException("unreachable");
        };
    }
}
