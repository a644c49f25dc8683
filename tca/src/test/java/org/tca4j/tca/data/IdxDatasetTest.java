package org.tca4j.tca.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {
    @TempDir
    Path dir;

    @Test
    void readsRealFashionMnistImagesFromGzippedAndPlainFiles() {
        DataFiles.RealImages real = DataFiles.fashionMnistSample();
        byte[] images = DataFiles.idxImages(real.images(), 28, 28);
        byte[] labels = DataFiles.idxLabels(real.labels());
        Path gzImages = DataFiles.write(dir.resolve("gz/t10k-images-idx3-ubyte.gz"), DataFiles.gzip(images));
        Path gzLabels = DataFiles.write(dir.resolve("gz/t10k-labels-idx1-ubyte.gz"), DataFiles.gzip(labels));
        Path plainImages = DataFiles.write(dir.resolve("plain/t10k-images-idx3-ubyte"), images);
        Path plainLabels = DataFiles.write(dir.resolve("plain/t10k-labels-idx1-ubyte"), labels);

        for (ImageDataset d : new ImageDataset[] {
                IdxDataset.read(gzImages, gzLabels, ClassNames.FASHION_MNIST, "gz"),
                IdxDataset.read(plainImages, plainLabels, ClassNames.FASHION_MNIST, "plain"),
                DatasetSpec.parse("fashion-mnist:" + dir.resolve("gz")).open()}) {
            assertThat(d.size()).isEqualTo(80);
            assertThat(d.classNames()).hasSize(10).startsWith("t-shirt", "trouser");
            for (int i = 0; i < 80; i++) {
                LabeledImage item = d.get(i);
                assertThat(item.label()).as("label %d", i).isEqualTo(real.labels()[i]);
                assertThat(item.image().width()).isEqualTo(28);
                assertThat(item.image().channels()).isEqualTo(1);
                assertThat(Arrays.equals(item.image().pixels(), real.images()[i])).as("pixels of %d", i).isTrue();
            }
        }
    }

    @Test
    void truncatedImageFileIsATypedErrorNamingTheFile() {
        DataFiles.RealImages real = DataFiles.fashionMnistSample();
        byte[] images = DataFiles.idxImages(real.images(), 28, 28);
        Path cut = DataFiles.write(dir.resolve("images"), Arrays.copyOf(images, images.length - 100));
        Path labels = DataFiles.write(dir.resolve("labels"), DataFiles.idxLabels(real.labels()));
        assertThatThrownBy(() -> IdxDataset.read(cut, labels, ClassNames.FASHION_MNIST, "x"))
                .isInstanceOf(DatasetException.class).hasMessageContaining(cut.toString()).hasMessageContaining("truncated");
    }

    @Test
    void truncatedGzipIsATypedError() {
        byte[] gz = DataFiles.gzip(DataFiles.idxImages(new byte[3][4], 2, 2));
        Path cut = DataFiles.write(dir.resolve("images.gz"), Arrays.copyOf(gz, gz.length / 2));
        Path labels = DataFiles.write(dir.resolve("labels"), DataFiles.idxLabels(new int[3]));
        assertThatThrownBy(() -> IdxDataset.read(cut, labels, ClassNames.MNIST, "x"))
                .isInstanceOf(DatasetException.class).hasMessageContaining(cut.toString());
    }

    @Test
    void swappedFilesMismatchedCountsAndBadLabelsAreTypedErrors() {
        Path images = DataFiles.write(dir.resolve("images"), DataFiles.idxImages(new byte[3][4], 2, 2));
        Path labels = DataFiles.write(dir.resolve("labels"), DataFiles.idxLabels(new int[] {0, 1, 2}));
        Path twoLabels = DataFiles.write(dir.resolve("two"), DataFiles.idxLabels(new int[] {0, 1}));
        Path badLabel = DataFiles.write(dir.resolve("bad"), DataFiles.idxLabels(new int[] {0, 1, 12}));
        assertThatThrownBy(() -> IdxDataset.read(labels, images, ClassNames.MNIST, "x"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("not an IDX image file");
        assertThatThrownBy(() -> IdxDataset.read(images, twoLabels, ClassNames.MNIST, "x"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("has 2 labels but");
        assertThatThrownBy(() -> IdxDataset.read(images, badLabel, ClassNames.MNIST, "x"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("label 12 at item 2");
        assertThatThrownBy(() -> IdxDataset.read(dir.resolve("missing"), labels, ClassNames.MNIST, "x"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("no such file");
    }

    @Test
    void idxSpecNumbersTheClassesFoundInTheLabels() {
        Path images = DataFiles.write(dir.resolve("i"), DataFiles.idxImages(new byte[3][4], 2, 2));
        Path labels = DataFiles.write(dir.resolve("l"), DataFiles.idxLabels(new int[] {0, 4, 2}));
        ImageDataset d = DatasetSpec.parse("idx:" + images + "," + labels).open();
        assertThat(d.classNames()).containsExactly("0", "1", "2", "3", "4");
        assertThat(d.get(1).label()).isEqualTo(4);
    }
}
