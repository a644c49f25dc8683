import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Writes the demo's sample images: the first two Fashion-MNIST t10k images of each class, unchanged 28×28 gray
 * PNGs named {@code <label>-t10k-<index>.png}. Run from the repository root:
 * {@code java samples/fashion-mnist/MakeSamples.java /usr/share/datasets/fashion-mnist samples/fashion-mnist}.
 */
public final class MakeSamples {
    private static final String[] CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
            "sneaker", "bag", "ankle_boot"};
    private static final int PER_CLASS = 2;

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]), out = Path.of(args[1]);
        byte[] labels = idx(data.resolve("t10k-labels-idx1-ubyte.gz"), 2049, 8);
        byte[] images = idx(data.resolve("t10k-images-idx3-ubyte.gz"), 2051, 16);
        int[] written = new int[CLASSES.length];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (written[c] == PER_CLASS) {
                continue;
            }
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = images[i * 784 + y * 28 + x] & 0xFF;
                    image.getRaster().setSample(x, y, 0, v);
                }
            }
            ImageIO.write(image, "png", out.resolve("%s-t10k-%05d.png".formatted(CLASSES[c], i)).toFile());
            written[c]++;
        }
    }

    /** The payload of a gzipped IDX file after its header, checking the magic number. */
    private static byte[] idx(Path file, int magic, int header) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            DataInputStream data = new DataInputStream(in);
            if (data.readInt() != magic) {
                throw new IOException(file + ": not an IDX file with magic " + magic);
            }
            data.skipNBytes(header - 4);
            return data.readAllBytes();
        }
    }
}
