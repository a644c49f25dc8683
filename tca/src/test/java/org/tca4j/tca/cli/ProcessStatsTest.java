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
    void thisProcessIsOlderThanZeroAndResident() {
        assertThat(ProcessStats.millisSinceStart()).isPositive();
        assertThat(ProcessStats.peakResidentMegabytes()).isGreaterThan(1);
    }
}
