package org.tca4j.tca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {
    @Test
    void readsKilobyteFieldsOfProcStatus() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmHWM:\t  636692 kB", "VmRSS:\t 1 kB");
        assertThat(ProcessStats.parseKilobytes(status, "VmHWM:")).isEqualTo(636692);
        assertThat(ProcessStats.parseKilobytes(status, "VmSwap:")).isNaN();
        assertThat(ProcessStats.parseKilobytes(List.of("VmHWM:\t12 pages"), "VmHWM:")).isNaN();
    }

    @Test
    void datesTheStartFromProcStatAndUptime() {
        String stat = "23488 (odd) name) R 23485 23485 18336 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 927355 3133440 380";
        assertThat(ProcessStats.parseStartMillis(stat)).isEqualTo(9273550.0);
        assertThat(ProcessStats.parseUptimeMillis("9273.56 4779.21\n")).isEqualTo(9273560.0);
        assertThat(ProcessStats.parseStartMillis("23488 (cat) R 1 2")).isNaN();
        assertThat(ProcessStats.parseStartMillis("no brackets")).isNaN();
        assertThat(ProcessStats.parseUptimeMillis("soon")).isNaN();
    }

    @Test
    void agreesWithTheJdksCoarserStartInstant() {
        // ProcessHandle dates the start from a boot time in whole seconds: up to a second older than the truth
        long coarse = System.currentTimeMillis()
                - ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        double fine = ProcessStats.millisSinceStart();
        assertThat(fine).isBetween(coarse - 1020.0, coarse + 20.0);
    }

    @Test
    void thisProcessIsOlderThanZeroAndResident() {
        assertThat(ProcessStats.millisSinceStart()).isPositive();
        assertThat(ProcessStats.peakResidentMegabytes()).isGreaterThan(1);
    }
}
