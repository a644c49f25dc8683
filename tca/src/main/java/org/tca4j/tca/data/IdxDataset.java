package org.tca4j.tca.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * MNIST / Fashion-MNIST in LeCun's IDX format: an image file ({@code idx3}: magic {@code 0x00000803}, count, rows,
 * columns, then unsigned bytes) and a label file ({@code idx1}: magic {@code 0x00000801}, count, then one byte per
 * label). Either file may be gzipped. Both are read into memory (Fashion-MNIST's training set is 47 MB); images are
 * grayscale.
 */
public final class IdxDataset extends StoredDataset {
    private static final int IMAGE_MAGIC = 0x00000803;
    private static final int LABEL_MAGIC = 0x00000801;

    private final byte[] images;
    private final byte[] labels;
    private final int rows;
    private final int cols;

    private IdxDataset(String description, List<String> classNames, byte[] images, byte[] labels, int count,
            int rows, int cols) {
        super(description, classNames, count);
        this.images = images;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Reads an image file and its label file. Every label must be below {@code classNames.size()}.
     *
     * @throws DatasetException naming the file when a magic, a size or a label is wrong, or a file is truncated
     */
    public static IdxDataset read(Path imageFile, Path labelFile, List<String> classNames, String description) {
        Objects.requireNonNull(classNames, "classNames");
        byte[] img = BinaryFiles.readMaybeGzipped(imageFile);
        byte[] lab = BinaryFiles.readMaybeGzipped(labelFile);
        checkMagic(imageFile, img, IMAGE_MAGIC, 16, "image", "3 dimensions");
        checkMagic(labelFile, lab, LABEL_MAGIC, 8, "label", "1 dimension");
        long n = BinaryFiles.u32(img, 4);
        long rows = BinaryFiles.u32(img, 8);
        long cols = BinaryFiles.u32(img, 12);
        if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096) {
            throw new DatasetException(imageFile, "implausible image size " + rows + "x" + cols);
        }
        long expected = 16 + n * rows * cols;
        if (img.length < expected) {
            throw new DatasetException(imageFile, "truncated: header promises " + n + " images of " + rows + "x"
                    + cols + " (" + expected + " bytes), file has " + img.length);
        }
        long labelCount = BinaryFiles.u32(lab, 4);
        if (labelCount != n) {
            throw new DatasetException(labelFile, "has " + labelCount + " labels but " + imageFile.getFileName()
                    + " has " + n + " images");
        }
        if (lab.length < 8 + labelCount) {
            throw new DatasetException(labelFile, "truncated: header promises " + labelCount + " labels, file has "
                    + (lab.length - 8));
        }
        for (int i = 0; i < n; i++) {
            int label = lab[8 + i] & 0xFF;
            if (label >= classNames.size()) {
                throw new DatasetException(labelFile, "label " + label + " at item " + i + " is not below the "
                        + classNames.size() + " class names");
            }
        }
        return new IdxDataset(description, List.copyOf(classNames), img, lab, (int) n, (int) rows, (int) cols);
    }

    private static void checkMagic(Path file, byte[] data, int magic, int headerBytes, String what, String dims) {
        if (data.length >= 4 && BinaryFiles.u32(data, 0) != magic) {
            throw new DatasetException(file, String.format("not an IDX %s file: magic 0x%08x, expected 0x%08x "
                    + "(unsigned bytes, %s)", what, BinaryFiles.u32(data, 0), magic, dims));
        }
        if (data.length < headerBytes) {
            throw new DatasetException(file, "too short for an IDX " + what + " header (" + data.length + " bytes)");
        }
    }

    @Override
    public LabeledImage get(int index) {
        Objects.checkIndex(index, size());
        int pixels = rows * cols;
        byte[] copy = new byte[pixels];
        System.arraycopy(images, 16 + index * pixels, copy, 0, pixels);
        return new LabeledImage(new ByteImage(cols, rows, 1, copy), labels[8 + index] & 0xFF);
    }
}
