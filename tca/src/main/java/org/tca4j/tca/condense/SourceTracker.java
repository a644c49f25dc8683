package org.tca4j.tca.condense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.tca4j.core.kernels.SparseRows;

/**
 * Which image patches each token row holds, followed through a pass's plans: row 0 is {@code <cls>} (no patch),
 * row 1 + p starts as image patch p; a row a plan builds from several rows holds all their patches. This maps a
 * later block's rows back onto the image (as ToMe's source tracking does).
 */
public final class SourceTracker {
    private List<int[]> sources = new ArrayList<>();

    /** The rows entering the first block: {@code <cls>} and {@code patches} image patches. */
    public SourceTracker(int patches) {
        sources.add(new int[0]);
        for (int p = 0; p < patches; p++) {
            sources.add(new int[] {p});
        }
    }

    public int rows() {
        return sources.size();
    }

    /** The image patches row {@code row} holds, ascending. */
    public int[] patchesOf(int row) {
        return sources.get(row).clone();
    }

    /** Follows one plan: afterwards the rows are the plan's output rows. */
    public void apply(SparseRows plan) {
        if (plan.inRows() != sources.size()) {
            throw new IllegalArgumentException(plan + " does not apply to " + sources.size() + " rows");
        }
        List<int[]> next = new ArrayList<>(plan.outRows());
        for (int i = 0; i < plan.outRows(); i++) {
            int[] merged = IntStream.range(plan.rowStart()[i], plan.rowStart()[i + 1])
                    .flatMap(j -> Arrays.stream(sources.get(plan.src()[j]))).sorted().distinct().toArray();
            next.add(merged);
        }
        sources = next;
    }
}
