package org.tca4j.tca.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CIFAR-10-C / CIFAR-100-C as Hendrycks &amp; Dietterich publish them: one {@code NAME.npy} per corruption, uint8
 * {@code [5·n, 32, 32, 3]} (severities 1 to 5 stacked, n images each, HWC), and one {@code labels.npy} with the
 * {@code 5·n} labels. Severity 1-5 selects its block of n; severity 0 means all five blocks.
 */
public final class CorruptedCifarDataset extends StoredDataset {
    private static final int SEVERITIES = 5;

    private final NpyArray images;
    private final NpyArray labels;
    private final long first;

    private CorruptedCifarDataset(String description, List<String> classNames, NpyArray images, NpyArray labels,
            long first, int count) {
        super(description, classNames, count);
        this.images = images;
        this.labels = labels;
        this.first = first;
    }

    /**
     * Opens {@code dir/corruption.npy} and {@code dir/labels.npy}.
     *
     * @param severity 1-5 for one severity's block, 0 for all
     */
    public static CorruptedCifarDataset open(Path dir, String corruption, int severity, List<String> classNames,
            String family) {
        if (severity < 0 || severity > SEVERITIES) {
            throw new DatasetException("severity must be 0 (all) or 1-5, got " + severity);
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir, "no such directory");
        }
        Path imageFile = dir.resolve(corruption + ".npy");
        NpyArray images = NpyArray.map(imageFile);
        NpyArray labels = NpyArray.map(dir.resolve("labels.npy"));
        long[] s = images.shape;
        if (s.length != 4 || s[1] != 32 || s[2] != 32 || s[3] != 3 || images.itemBytes != 1 || !images.unsigned) {
            throw new DatasetException(imageFile, "expected uint8 [N,32,32,3], got shape " + Arrays.toString(s)
                    + " with " + images.itemBytes + "-byte items");
        }
        if (labels.shape.length != 1 || labels.shape[0] != s[0]) {
            throw new DatasetException(labels.file, "expected " + s[0] + " labels, got shape "
                    + Arrays.toString(labels.shape));
        }
        long total = s[0];
        long perSeverity = total % SEVERITIES == 0 ? total / SEVERITIES : total;
        if (severity > 0 && total % SEVERITIES != 0) {
            throw new DatasetException(imageFile, total + " images cannot be split into 5 severities");
        }
        long first = severity == 0 ? 0 : (severity - 1) * perSeverity;
        long count = severity == 0 ? total : perSeverity;
        for (long i = first; i < first + count; i++) {
            long label = labels.getLong(i);
            if (label < 0 || label >= classNames.size()) {
                throw new DatasetException(labels.file, "label " + label + " at item " + i + " is not in [0, "
                        + classNames.size() + ")");
            }
        }
        String sev = severity == 0 ? "all severities" : "severity " + severity;
        return new CorruptedCifarDataset(family + " " + corruption + " " + sev, List.copyOf(classNames), images,
                labels, first, Math.toIntExact(count));
    }

    @Override
    public LabeledImage get(int index) {
        Objects.checkIndex(index, size());
        long item = first + index;
        byte[] rgb = images.bytes(item * 32 * 32 * 3, 32 * 32 * 3);
        return new LabeledImage(new ByteImage(32, 32, 3, rgb), (int) labels.getLong(item));
    }
}
