package org.tca4j.tca.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A folder per class, as torchvision's {@code ImageFolder} reads it: the sorted sub-folder names are the classes
 * (label = position), and every image file below a class folder (recursively, sorted) is an item. Images are
 * decoded on {@link #get}.
 *
 * <p>Class names: by default the folder names with {@code _} as a space. An optional class-name file
 * ({@code classnames.txt} in the root, or one given explicitly) renames them. Each line is either
 * {@code FOLDER NAME...} (ImageNet-style, e.g. {@code n01440764 tench}) or just {@code NAME}; plain names are
 * taken in the sorted folder order and must be exactly one per folder.
 */
public final class FolderDataset extends StoredDataset {
    /** The class-name file looked for in the root when none is given. */
    public static final String DEFAULT_NAMES_FILE = "classnames.txt";

    private final List<Path> files;
    private final int[] labels;

    private FolderDataset(String description, List<String> classNames, List<Path> files, int[] labels) {
        super(description, classNames, files.size());
        this.files = files;
        this.labels = labels;
    }

    /**
     * Lists {@code root}.
     *
     * @param namesFile a class-name file, or null to use {@code root/classnames.txt} when it exists
     * @throws DatasetException when the root has no class folders or no images, or the name file does not fit
     */
    public static FolderDataset open(Path root, Path namesFile) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root, "no such directory");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(root, "cannot list: " + e.getMessage(), e);
        }
        if (classDirs.isEmpty()) {
            throw new DatasetException(root, "has no class sub-folders");
        }
        List<String> folderNames = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        Path names = namesFile != null ? namesFile : root.resolve(DEFAULT_NAMES_FILE);
        List<String> classNames = namesFile != null || Files.isRegularFile(names)
                ? readNames(names, folderNames)
                : folderNames.stream().map(n -> n.replace('_', ' ')).toList();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            try (Stream<Path> s = Files.walk(classDirs.get(c))) {
                List<Path> images = s.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
                files.addAll(images);
                for (int i = 0; i < images.size(); i++) {
                    labels.add(c);
                }
            } catch (IOException e) {
                throw new DatasetException(classDirs.get(c), "cannot list: " + e.getMessage(), e);
            }
        }
        if (files.isEmpty()) {
            throw new DatasetException(root, "has no image files (" + String.join(", ", ImageFiles.EXTENSIONS)
                    + ") in its class folders");
        }
        return new FolderDataset("folder " + root, List.copyOf(classNames), List.copyOf(files),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> readNames(Path file, List<String> folders) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file, "no such class-name file", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
        }
        Map<String, String> byFolder = new HashMap<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            if (space > 0 && folders.contains(line.substring(0, space))) {
                byFolder.put(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        if (byFolder.size() == folders.size()) {
            return folders.stream().map(byFolder::get).toList();
        }
        if (!byFolder.isEmpty()) {
            List<String> missing = folders.stream().filter(f -> !byFolder.containsKey(f)).limit(5).toList();
            throw new DatasetException(file, "names " + byFolder.size() + " of " + folders.size()
                    + " class folders; missing e.g. " + missing);
        }
        if (lines.size() != folders.size()) {
            throw new DatasetException(file, "has " + lines.size() + " names for " + folders.size()
                    + " class folders");
        }
        return lines;
    }

    @Override
    public LabeledImage get(int index) {
        Objects.checkIndex(index, size());
        return new LabeledImage(ImageFiles.read(files.get(index)), labels[index]);
    }
}
