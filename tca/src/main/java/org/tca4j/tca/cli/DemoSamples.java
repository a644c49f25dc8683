package org.tca4j.tca.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The demo's sample images ({@code samples/fashion-mnist}: real Fashion-MNIST test images named
 * {@code <label>-t10k-<index>.png}) and the true class a file name gives.
 */
final class DemoSamples {
    /** Where the samples live in the repository. */
    static final String DIRECTORY = "samples/fashion-mnist";

    private DemoSamples() {}

    /** The samples: below the working directory, or below the repository the JAR was built in. */
    static Path locate() throws IOException {
        Path here = Path.of(DIRECTORY);
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            Path jar = Path.of(DemoSamples.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(DIRECTORY))) {
                    return p.resolve(DIRECTORY);
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot locate the sample images: " + e.getMessage(), e);
        }
        throw new UsageException("the sample images (" + DIRECTORY + ") are not here; give --images DIR");
    }

    /**
     * The class a file name starts with: the longest label L such that the name (extension dropped, {@code _} read
     * as a space, case ignored) is L or starts with L followed by {@code -}, {@code _}, {@code .} or a digit; −1 when
     * no label fits.
     */
    static int truth(Path image, List<String> labels) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).replace('_', ' ').toLowerCase(Locale.ROOT);
        int best = -1;
        for (int c = 0; c < labels.size(); c++) {
            String label = labels.get(c).replace('_', ' ').toLowerCase(Locale.ROOT);
            boolean fits = stem.equals(label) || (stem.startsWith(label)
                    && "-_. 0123456789".indexOf(stem.charAt(label.length())) >= 0);
            if (fits && (best < 0 || label.length() > labels.get(best).length())) {
                best = c;
            }
        }
        return best;
    }
}
