package org.tca4j.tca.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {
    @TempDir
    Path dir;

    private void png(Path file, ByteImage image) throws IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        ImageIO.write(ImageFiles.toBufferedImage(image), "png", file.toFile());
    }

    private static ByteImage gradient(int channels, int offset) {
        byte[] p = new byte[4 * 3 * channels];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (offset + 17 * i);
        }
        return new ByteImage(4, 3, channels, p);
    }

    @Test
    void sortedFoldersAreClassesAndImagesRoundTripLosslessly() throws IOException {
        DataFiles.RealImages real = DataFiles.fashionMnistSample();
        ByteImage shoe = new ByteImage(28, 28, 1, real.images()[0]);
        png(dir.resolve("b_class/x.png"), shoe);
        png(dir.resolve("a_class/sub/2.png"), gradient(3, 5));
        png(dir.resolve("a_class/1.png"), gradient(1, 9));
        java.nio.file.Files.writeString(dir.resolve("a_class/notes.txt"), "not an image");
        ImageDataset d = DatasetSpec.parse("folder:" + dir).open();
        assertThat(d.classNames()).containsExactly("a class", "b class");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.get(0).image()).isEqualTo(gradient(1, 9));
        assertThat(d.get(1).image()).isEqualTo(gradient(3, 5));
        assertThat(d.get(2).label()).isEqualTo(1);
        assertThat(d.get(2).image()).isEqualTo(shoe);
    }

    @Test
    void classNameFileMapsFoldersOrListsNamesInOrder() throws IOException {
        png(dir.resolve("n02/a.png"), gradient(1, 0));
        png(dir.resolve("n01/a.png"), gradient(1, 0));
        java.nio.file.Files.writeString(dir.resolve("classnames.txt"), "n02 goldfish\nn01 great white shark\n");
        assertThat(FolderDataset.open(dir, null).classNames()).containsExactly("great white shark", "goldfish");
        Path plain = java.nio.file.Files.writeString(dir.resolve("plain.txt"), "first\nsecond\n");
        assertThat(FolderDataset.open(dir, plain).classNames()).containsExactly("first", "second");
        Path wrong = java.nio.file.Files.writeString(dir.resolve("wrong.txt"), "only one\n");
        assertThatThrownBy(() -> FolderDataset.open(dir, wrong)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("has 1 names for 2 class folders");
    }

    @Test
    void corruptImageAndEmptyFoldersAreTypedErrors() throws IOException {
        assertThatThrownBy(() -> FolderDataset.open(dir, null)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no class sub-folders");
        Path bad = DataFiles.write(dir.resolve("cls/broken.png"), new byte[] {1, 2, 3, 4});
        ImageDataset d = FolderDataset.open(dir, null);
        assertThatThrownBy(() -> d.get(0)).isInstanceOf(DatasetException.class).hasMessageContaining(bad.toString());
    }
}
