package org.tca4j.tca.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CIFAR-10 and CIFAR-100 in their binary versions ({@code cifar-10-batches-bin}, {@code cifar-100-binary}). A record
 * is the label byte(s) followed by 3072 bytes: the 32×32 red plane, then green, then blue, each row-major.
 * CIFAR-10 records have one label byte; CIFAR-100 records have two (coarse, then fine; the fine label is used).
 * Class names come from {@code batches.meta.txt} / {@code fine_label_names.txt} when present, else the built-in
 * lists in {@link ClassNames}.
 */
public final class CifarDataset extends StoredDataset {
    private static final int SIDE = 32;
    private static final int PIXELS = SIDE * SIDE * 3;

    /** Which of the two datasets. */
    public enum Kind {
        CIFAR10("cifar-10-batches-bin", 1, List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                "data_batch_4.bin", "data_batch_5.bin"), List.of("test_batch.bin"), "batches.meta.txt"),
        CIFAR100("cifar-100-binary", 2, List.of("train.bin"), List.of("test.bin"), "fine_label_names.txt");

        final String folder;
        final int labelBytes;
        final List<String> trainFiles;
        final List<String> testFiles;
        final String namesFile;

        Kind(String folder, int labelBytes, List<String> trainFiles, List<String> testFiles, String namesFile) {
            this.folder = folder;
            this.labelBytes = labelBytes;
            this.trainFiles = trainFiles;
            this.testFiles = testFiles;
            this.namesFile = namesFile;
        }

        List<String> builtInNames() {
            return this == CIFAR10 ? ClassNames.CIFAR10 : ClassNames.CIFAR100;
        }
    }

    private final Kind kind;
    private final List<byte[]> batches;
    private final int perBatchCapacity;

    private CifarDataset(String description, List<String> classNames, Kind kind, List<byte[]> batches) {
        super(description, classNames, recordCount(kind, batches));
        this.kind = kind;
        this.batches = batches;
        this.perBatchCapacity = batches.getFirst().length / (kind.labelBytes + PIXELS);
    }

    private static int recordCount(Kind kind, List<byte[]> batches) {
        int total = 0;
        for (byte[] b : batches) {
            total += b.length / (kind.labelBytes + PIXELS);
        }
        return total;
    }

    /**
     * Reads the test split ({@code train == false}) or the training split from {@code dir}, which is either the
     * extracted folder ({@code cifar-10-batches-bin}) or its parent.
     */
    public static CifarDataset read(Path dir, Kind kind, boolean train) {
        Path root = Files.isDirectory(dir.resolve(kind.folder)) ? dir.resolve(kind.folder) : dir;
        if (!Files.isDirectory(root)) {
            throw new DatasetException(dir, "no such directory");
        }
        List<String> names = readNames(root.resolve(kind.namesFile), kind);
        int recordBytes = kind.labelBytes + PIXELS;
        List<byte[]> batches = new ArrayList<>();
        for (String name : train ? kind.trainFiles : kind.testFiles) {
            Path file = root.resolve(name);
            byte[] data = BinaryFiles.readMaybeGzipped(file);
            if (data.length == 0 || data.length % recordBytes != 0) {
                throw new DatasetException(file, "size " + data.length + " is not a whole number of "
                        + recordBytes + "-byte records (truncated or not a " + kind + " batch)");
            }
            if (!batches.isEmpty() && data.length != batches.getFirst().length) {
                throw new DatasetException(file, "has " + data.length / recordBytes + " records, the first batch "
                        + batches.getFirst().length / recordBytes);
            }
            checkLabels(file, data, kind, names.size());
            batches.add(data);
        }
        String split = train ? "train" : "test";
        return new CifarDataset(kind.name().toLowerCase() + " " + split, names, kind, batches);
    }

    private static void checkLabels(Path file, byte[] data, Kind kind, int classes) {
        int recordBytes = kind.labelBytes + PIXELS;
        for (int r = 0; r < data.length / recordBytes; r++) {
            int label = data[r * recordBytes + kind.labelBytes - 1] & 0xFF;
            if (label >= classes) {
                throw new DatasetException(file, "record " + r + " has label " + label + ", not below " + classes);
            }
        }
    }

    private static List<String> readNames(Path file, Kind kind) {
        if (!Files.isRegularFile(file)) {
            return kind.builtInNames();
        }
        try {
            List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.replace('_', ' ')).toList();
            if (names.size() != kind.builtInNames().size()) {
                throw new DatasetException(file, "has " + names.size() + " class names, expected "
                        + kind.builtInNames().size());
            }
            return names;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public LabeledImage get(int index) {
        Objects.checkIndex(index, size());
        byte[] batch = batches.get(index / perBatchCapacity);
        int offset = (index % perBatchCapacity) * (kind.labelBytes + PIXELS);
        int label = batch[offset + kind.labelBytes - 1] & 0xFF;
        return new LabeledImage(planarToInterleaved(batch, offset + kind.labelBytes), label);
    }

    /** Red plane, green plane, blue plane (each 32×32) to interleaved RGB. */
    static ByteImage planarToInterleaved(byte[] data, int offset) {
        int plane = SIDE * SIDE;
        byte[] rgb = new byte[PIXELS];
        for (int p = 0; p < plane; p++) {
            rgb[3 * p] = data[offset + p];
            rgb[3 * p + 1] = data[offset + plane + p];
            rgb[3 * p + 2] = data[offset + 2 * plane + p];
        }
        return new ByteImage(SIDE, SIDE, 3, rgb);
    }
}
