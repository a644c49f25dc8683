package org.tca4j.tca.data;

import java.util.List;

/**
 * What every on-disk reader keeps the same way: its description, its class names and its item count, fixed when the
 * files are opened. Subclasses only say how item {@code index} is read.
 */
abstract sealed class StoredDataset implements ImageDataset
        permits CifarDataset, CorruptedCifarDataset, FolderDataset, IdxDataset {
    private final String description;
    private final List<String> classNames;
    private final int size;

    StoredDataset(String description, List<String> classNames, int size) {
        this.description = description;
        this.classNames = classNames;
        this.size = size;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final List<String> classNames() {
        return classNames;
    }
}
