package org.tca4j.tca.data;

import java.util.List;

/**
 * A sized, indexable source of labelled images with its class names. Readers load lazily or eagerly as suits the
 * format; {@link #get} may be called in any order and more than once, and returns the same item each time.
 */
public interface ImageDataset {
    /** A short description for reports, e.g. {@code fashion-mnist t10k}. */
    String description();

    /** The number of items. */
    int size();

    /** The class names, in label order. */
    List<String> classNames();

    /**
     * Item {@code index} (0-based).
     *
     * @throws DatasetException when the item cannot be read or decoded (names the file and the problem)
     * @throws IndexOutOfBoundsException when {@code index} is outside {@code [0, size())}
     */
    LabeledImage get(int index);
}
