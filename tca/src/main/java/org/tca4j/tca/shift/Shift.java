package org.tca4j.tca.shift;

import java.util.SplittableRandom;
import org.tca4j.tca.data.ByteImage;

/**
 * A corruption at one severity with its parameter table: what {@code --shift NAME:SEVERITY} names. Random
 * corruptions draw from a generator seeded by the run's seed and the item's index in the dataset, so an item gets
 * the same noise whatever the stream order, on every run and after a resume.
 */
public record Shift(Corruption corruption, int severity, SeverityTable table) {
    public Shift {
        Corruption.checkSeverity(severity);
    }

    /** Parses {@code NAME:SEVERITY}, e.g. {@code gaussian_noise:3} or {@code contrast:5}. */
    public static Shift parse(String text, SeverityTable table) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("shift '" + text + "' must be NAME:SEVERITY, e.g. gaussian_noise:3");
        }
        int severity;
        try {
            severity = Integer.parseInt(text.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shift '" + text + "': severity must be 1-5");
        }
        return new Shift(Corruption.parse(text.substring(0, colon)), severity, table);
    }

    /** Corrupts item {@code index} of a dataset under run seed {@code seed}. */
    public ByteImage apply(ByteImage image, long seed, int index) {
        return corruption.apply(image, severity, table, new SplittableRandom(itemSeed(seed, index)));
    }

    /** {@code gaussian_noise:3} (plus {@code @cifar-10-c} when not the default table). */
    public String label() {
        return corruption.label() + ":" + severity + (table == SeverityTable.IMAGENET_C ? "" : "@" + table.label());
    }

    private long itemSeed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + corruption.ordinal() * 0x94D049BB133111EBL
                + severity;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
