package org.tca4j.tca.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetTest {
    private static final long SEED = 42;

    @TempDir
    Path dir;

    /** A record: label byte(s), then R, G and B planes with pixel (x, y) = {@code (x + 2y + 40·channel + item)}. */
    private static byte[] batch(int items, int labelBytes, int firstItem) {
        byte[] data = new byte[items * (labelBytes + 3072)];
        for (int r = 0; r < items; r++) {
            int base = r * (labelBytes + 3072);
            data[base + labelBytes - 1] = (byte) ((firstItem + r) % 10);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    data[base + labelBytes + c * 1024 + p] = (byte) (p % 32 + 2 * (p / 32) + 40 * c + firstItem + r);
                }
            }
        }
        return data;
    }

    @Test
    void readsCifar10TestBatchAsInterleavedRgb() {
        DataFiles.write(dir.resolve("cifar-10-batches-bin/test_batch.bin"), batch(3, 1, 0));
        ImageDataset d = DatasetSpec.parse("cifar10:" + dir).open();
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.classNames()).startsWith("airplane", "automobile");
        LabeledImage item = d.get(2);
        assertThat(item.label()).isEqualTo(2);
        assertThat(item.image().channels()).isEqualTo(3);
        assertThat(item.image().get(5, 7, 0)).isEqualTo(5 + 14 + 2);
        assertThat(item.image().get(5, 7, 2)).isEqualTo(5 + 14 + 80 + 2);
    }

    @Test
    void readsCifar100TrainSplitWithFineLabelsAndNameFile() {
        byte[] data = batch(4, 2, 0);
        data[(3072 + 2) * 3 + 1] = 99;
        DataFiles.write(dir.resolve("train.bin"), data);
        String names = String.join("\n", ClassNames.CIFAR100.stream().map(n -> n.replace(' ', '_')).toList());
        DataFiles.write(dir.resolve("fine_label_names.txt"), names.getBytes());
        ImageDataset d = DatasetSpec.parse("cifar100:" + dir + ":train").open();
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.get(3).label()).isEqualTo(99);
        assertThat(d.classNames().get(1)).isEqualTo("aquarium fish");
    }

    @Test
    void truncatedBatchIsATypedError() {
        byte[] data = batch(2, 1, 0);
        Path file = DataFiles.write(dir.resolve("test_batch.bin"), Arrays.copyOf(data, data.length - 7));
        assertThatThrownBy(() -> CifarDataset.read(dir, CifarDataset.Kind.CIFAR10, false))
                .isInstanceOf(DatasetException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("3073-byte records");
    }

    @Test
    void cifar10cSelectsTheSeverityBlockAndChecksShapes() {
        SplittableRandom random = new SplittableRandom(SEED);
        int perSeverity = 2;
        byte[] images = new byte[5 * perSeverity * 3072];
        for (int i = 0; i < images.length; i++) {
            images[i] = (byte) random.nextInt(256);
        }
        byte[] labels = new byte[5 * perSeverity * 8];
        for (int i = 0; i < 5 * perSeverity; i++) {
            labels[8 * i] = (byte) i;
        }
        DataFiles.write(dir.resolve("fog.npy"), DataFiles.npy("|u1", new long[] {10, 32, 32, 3}, images));
        DataFiles.write(dir.resolve("labels.npy"), DataFiles.npy("<i8", new long[] {10}, labels));
        ImageDataset d = DatasetSpec.parse("cifar10c:" + dir + ":fog:3").open();
        assertThat(d.size()).as("seed %d", SEED).isEqualTo(2);
        LabeledImage second = d.get(1);
        assertThat(second.label()).isEqualTo(5);
        assertThat(second.image().pixels()).isEqualTo(Arrays.copyOfRange(images, 5 * 3072, 6 * 3072));
        assertThat(DatasetSpec.parse("cifar10c:" + dir + ":fog").open().size()).isEqualTo(10);

        DataFiles.write(dir.resolve("wrong.npy"), DataFiles.npy("|u1", new long[] {10, 32, 32}, new byte[10 * 1024]));
        assertThatThrownBy(() -> DatasetSpec.parse("cifar10c:" + dir + ":wrong").open())
                .isInstanceOf(DatasetException.class).hasMessageContaining("expected uint8 [N,32,32,3]");
        DataFiles.write(dir.resolve("short.npy"), DataFiles.npy("|u1", new long[] {10, 32, 32, 3}, new byte[100]));
        assertThatThrownBy(() -> DatasetSpec.parse("cifar10c:" + dir + ":short").open())
                .isInstanceOf(DatasetException.class).hasMessageContaining("short.npy").hasMessageContaining("truncated");
        assertThatThrownBy(() -> DatasetSpec.parse("cifar10c:" + dir + ":fog:9").open())
                .isInstanceOf(DatasetException.class).hasMessageContaining("severity");
    }
}
