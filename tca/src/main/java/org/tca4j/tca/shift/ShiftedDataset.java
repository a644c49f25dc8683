package org.tca4j.tca.shift;

import java.util.List;
import org.tca4j.tca.data.ImageDataset;
import org.tca4j.tca.data.LabeledImage;

/** A dataset whose images are corrupted by a {@link Shift} as they are read; labels and names are unchanged. */
public final class ShiftedDataset implements ImageDataset {
    private final ImageDataset base;
    private final Shift shift;
    private final long seed;

    public ShiftedDataset(ImageDataset base, Shift shift, long seed) {
        this.base = base;
        this.shift = shift;
        this.seed = seed;
    }

    @Override
    public String description() {
        return base.description() + ", " + shift.label();
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public LabeledImage get(int index) {
        LabeledImage item = base.get(index);
        return new LabeledImage(shift.apply(item.image(), seed, index), item.label());
    }
}
