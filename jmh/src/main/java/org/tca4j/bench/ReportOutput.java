package org.tca4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a benchmark main prints its Markdown table (standard output, and {@code -Dtca4j.report=FILE} if set), and
 * the machine name its header gives.
 */
final class ReportOutput {
    /** The system property naming the file that receives the table (set by {@code jmh/run.sh} and {@code speed.sh}). */
    static final String PROPERTY = "tca4j.report";

    private ReportOutput() {}

    /** Prints {@code markdown}, and writes it whole (temporary file, then rename) to the report file if one is set. */
    static void publish(String markdown) throws IOException {
        System.out.print(markdown);
        String out = System.getProperty(PROPERTY);
        if (out != null) {
            Path target = Path.of(out), tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, markdown);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The CPU's model name from {@code /proc/cpuinfo}, or the architecture where there is none. */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
