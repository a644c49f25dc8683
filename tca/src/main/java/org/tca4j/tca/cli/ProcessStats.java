package org.tca4j.tca.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the operating system says about this process: its age and its peak resident memory. */
final class ProcessStats {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessStats() {}

    /** Milliseconds since the OS started this process (the JVM's launch), or NaN when it does not say. */
    static double millisSinceStart() {
        Optional<Instant> start = ProcessHandle.current().info().startInstant();
        return start.map(s -> (double) (System.currentTimeMillis() - s.toEpochMilli())).orElse(Double.NaN);
    }

    /** The peak resident set size in MB ({@code VmHWM} of {@code /proc/self/status}), or NaN off Linux. */
    static double peakResidentMegabytes() {
        try {
            return parseKilobytes(Files.readAllLines(STATUS), "VmHWM:") / 1024.0;
        } catch (IOException | UnsupportedOperationException e) {
            return Double.NaN;
        }
    }

    /** The value of a {@code Name:  123 kB} line, or NaN when there is none. */
    static double parseKilobytes(List<String> status, String field) {
        for (String line : status) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).strip().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    try {
                        return Long.parseLong(parts[0]);
                    } catch (NumberFormatException e) {
                        return Double.NaN;
                    }
                }
            }
        }
        return Double.NaN;
    }
}
