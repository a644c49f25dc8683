package org.tca4j.tca.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset named on the command line as {@code KIND:ARGUMENTS}:
 * <ul>
 *   <li>{@code fashion-mnist[:DIR[:train|test]]}: Fashion-MNIST IDX files ({@code t10k-images-idx3-ubyte[.gz]} ...)
 *       in DIR, by default Debian's {@code /usr/share/datasets/fashion-mnist}; the test split unless {@code train};
 *   <li>{@code mnist:DIR[:train|test]}: MNIST IDX files, same names;
 *   <li>{@code idx:IMAGES,LABELS}: any IDX image and label file, classes numbered;
 *   <li>{@code folder:DIR[:NAMES]}: a folder per class, optional class-name file;
 *   <li>{@code cifar10:DIR[:train|test]}, {@code cifar100:DIR[:train|test]}: the binary batches;
 *   <li>{@code cifar10c:DIR:CORRUPTION[:SEVERITY]}, {@code cifar100c:...}: the CIFAR-C {@code .npy} arrays.
 * </ul>
 *
 * @param kind the part before the first colon
 * @param text the whole specification, for reports
 * @param promptKey the {@link PromptPresets} key for this data, or null when there is none
 */
public record DatasetSpec(String kind, String text, String promptKey) {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** The kinds understood, for help texts. */
    public static final List<String> KINDS = List.of("fashion-mnist", "mnist", "idx", "folder", "cifar10", "cifar100",
            "cifar10c", "cifar100c");

    /** Parses {@code spec} without touching the file system. */
    public static DatasetSpec parse(String spec) {
        String s = spec.strip();
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new DatasetException("unknown dataset kind '" + kind + "' in '" + spec + "'; expected one of "
                    + String.join(", ", KINDS));
        }
        if (colon < 0 && !kind.equals("fashion-mnist")) {
            throw new DatasetException("dataset '" + spec + "' needs a path: " + kind + ":PATH");
        }
        String key = switch (kind) {
            case "fashion-mnist" -> "fashion-mnist";
            case "mnist" -> "mnist";
            case "cifar10", "cifar10c" -> "cifar10";
            case "cifar100", "cifar100c" -> "cifar100";
            default -> null;
        };
        return new DatasetSpec(kind, s, key);
    }

    /** The arguments after {@code KIND:}, split at colons. */
    private String[] arguments() {
        int colon = text.indexOf(':');
        return colon < 0 ? new String[0] : text.substring(colon + 1).split(":", -1);
    }

    /**
     * Opens the data.
     *
     * @throws DatasetException when files are missing or malformed, or the arguments do not fit the kind
     */
    public ImageDataset open() {
        String[] a = arguments();
        return switch (kind) {
            case "fashion-mnist" -> openIdxFolder(a.length > 0 && !a[0].isEmpty() ? Path.of(a[0]) : DEBIAN_FASHION_MNIST,
                    split(a, 1), ClassNames.FASHION_MNIST, "fashion-mnist");
            case "mnist" -> openIdxFolder(Path.of(a[0]), split(a, 1), ClassNames.MNIST, "mnist");
            case "idx" -> openIdxPair(a);
            case "folder" -> FolderDataset.open(Path.of(a[0]), a.length > 1 ? Path.of(a[1]) : null);
            case "cifar10" -> CifarDataset.read(Path.of(a[0]), CifarDataset.Kind.CIFAR10, split(a, 1));
            case "cifar100" -> CifarDataset.read(Path.of(a[0]), CifarDataset.Kind.CIFAR100, split(a, 1));
            case "cifar10c" -> openCorrupted(a, ClassNames.CIFAR10, "cifar10-c");
            case "cifar100c" -> openCorrupted(a, ClassNames.CIFAR100, "cifar100-c");
            default -> throw new IllegalStateException(kind);
        };
    }

    private boolean split(String[] a, int at) {
        if (a.length <= at || a[at].isEmpty() || a[at].equals("test")) {
            return false;
        }
        if (a[at].equals("train")) {
            return true;
        }
        throw new DatasetException("'" + text + "': the split must be train or test, got '" + a[at] + "'");
    }

    private static ImageDataset openIdxFolder(Path dir, boolean train, List<String> names, String family) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir, "no such directory"
                    + (dir.equals(DEBIAN_FASHION_MNIST) ? " (apt-get install dataset-fashion-mnist)" : ""));
        }
        String prefix = train ? "train" : "t10k";
        Path images = existing(dir, prefix + "-images-idx3-ubyte");
        Path labels = existing(dir, prefix + "-labels-idx1-ubyte");
        return IdxDataset.read(images, labels, names, family + " " + prefix);
    }

    private static Path existing(Path dir, String name) {
        for (String candidate : List.of(name + ".gz", name, name.replace("-idx", ".idx"))) {
            if (Files.isRegularFile(dir.resolve(candidate))) {
                return dir.resolve(candidate);
            }
        }
        throw new DatasetException(dir.resolve(name), "no such file (nor .gz)");
    }

    private ImageDataset openIdxPair(String[] a) {
        String[] files = a.length == 1 ? a[0].split(",") : new String[0];
        if (files.length != 2) {
            throw new DatasetException("'" + text + "': expected idx:IMAGES,LABELS");
        }
        Path images = Path.of(files[0]);
        Path labels = Path.of(files[1]);
        IdxDataset probe = IdxDataset.read(images, labels, ClassNames.numbered(256), "idx");
        int classes = 0;
        for (int i = 0; i < probe.size(); i++) {
            classes = Math.max(classes, probe.get(i).label() + 1);
        }
        return IdxDataset.read(images, labels, ClassNames.numbered(classes), "idx " + images.getFileName());
    }

    private ImageDataset openCorrupted(String[] a, List<String> names, String family) {
        if (a.length < 2 || a[1].isEmpty()) {
            throw new DatasetException("'" + text + "': expected " + kind + ":DIR:CORRUPTION[:SEVERITY]");
        }
        int severity = 0;
        if (a.length > 2) {
            try {
                severity = Integer.parseInt(a[2]);
            } catch (NumberFormatException e) {
                throw new DatasetException("'" + text + "': severity must be 1-5, got '" + a[2] + "'");
            }
        }
        return CorruptedCifarDataset.open(Path.of(a[0]), a[1], severity, names, family);
    }
}
