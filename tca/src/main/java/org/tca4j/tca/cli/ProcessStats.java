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
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path UPTIME = Path.of("/proc/uptime");
    /** Linux's clock tick for user space ({@code USER_HZ}), fixed at 100 on every architecture the JDK runs on. */
    static final int USER_HZ = 100;

    private ProcessStats() {}

    /**
     * Milliseconds since the OS started this process (the JVM's launch), or NaN when it does not say. On Linux both
     * ends come from the kernel's boot clock, to its 10 ms tick: {@code /proc/uptime} now, and field 22 of
     * {@code /proc/self/stat} (the start, in ticks of {@link #USER_HZ}). {@code ProcessHandle}'s start instant adds
     * the boot time in whole seconds, which made the process look up to a second older than it was.
     */
    static double millisSinceStart() {
        try {
            double sinceBoot = parseUptimeMillis(Files.readString(UPTIME));
            double startedAfterBoot = parseStartMillis(Files.readString(STAT));
            if (!Double.isNaN(sinceBoot) && !Double.isNaN(startedAfterBoot)) {
                return sinceBoot - startedAfterBoot;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux: fall back on the JDK's coarser figure
        }
        Optional<Instant> start = ProcessHandle.current().info().startInstant();
        return start.map(s -> (double) (System.currentTimeMillis() - s.toEpochMilli())).orElse(Double.NaN);
    }

    /** The first number of {@code /proc/uptime} (seconds since boot) in milliseconds, or NaN. */
    static double parseUptimeMillis(String uptime) {
        String[] parts = uptime.strip().split("\\s+");
        try {
            return Double.parseDouble(parts[0]) * 1000;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The start time of a {@code /proc/PID/stat} line (field 22, clock ticks after boot) in milliseconds, or NaN.
     * The fields are counted after the last ')', since the command name in field 2 may hold spaces and brackets.
     */
    static double parseStartMillis(String stat) {
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 1).strip().split("\\s+");
        int startField = 22 - 3; // fields[0] is field 3, the state
        if (close < 0 || fields.length <= startField) {
            return Double.NaN;
        }
        try {
            return Long.parseLong(fields[startField]) * 1000.0 / USER_HZ;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
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
