package org.tca4j.tca.cli;

import java.util.Locale;
import org.tca4j.core.kernels.SparseRows;
import org.tca4j.tca.condense.CondensedBlock;
import org.tca4j.tca.condense.RecordingCondenser;
import org.tca4j.tca.condense.RowKind;
import org.tca4j.tca.condense.TcaCondenser;
import org.tca4j.tca.condense.TcaDecision;
import org.tca4j.tca.config.Method;

/** The plan of one pass as text: per condensation block the tiers, the anchor, and optionally every built row. */
final class PlanText {
    private PlanText() {}

    static String describe(Method method, RecordingCondenser condenser, int grid, boolean rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("method ").append(method.describe()).append("; tokens leaving each block: ");
        sb.append(java.util.Arrays.toString(condenser.tokensPerBlock())).append('\n');
        sb.append("p = a patch row of the block's input (row p+1); at the first condensation block p is image patch")
                .append(String.format(Locale.ROOT, " (p / %d, p %% %d)%n", grid, grid));
        var blocks = condenser.condensedBlocks();
        for (int i = 0; i < blocks.size(); i++) {
            CondensedBlock b = blocks.get(i);
            int[] counts = new int[RowKind.values().length];
            for (RowKind k : b.kinds()) {
                counts[k.ordinal()]++;
            }
            sb.append(String.format(Locale.ROOT, "block %d: %d rows -> %d (kept %d, merged rows %d, fused %d)",
                    b.layer(), b.plan().inRows(), b.plan().outRows(), counts[RowKind.KEPT.ordinal()],
                    counts[RowKind.MERGED.ordinal()], counts[RowKind.FUSED.ordinal()]));
            if (condenser instanceof TcaCondenser tca) {
                TcaDecision d = tca.decisions().get(i);
                sb.append(String.format(Locale.ROOT, "; tiers keep %d / merge band %d -> %d centres / fuse %d; anchor %s",
                        d.keep().length, d.cluster().length, d.coreset().centres().length, d.fuse().length,
                        d.anchorClass() < 0 ? "none" : "class " + d.anchorClass()));
            }
            sb.append('\n');
            if (rows) {
                appendRows(sb, b);
            }
        }
        return sb.toString();
    }

    private static void appendRows(StringBuilder sb, CondensedBlock b) {
        SparseRows plan = b.plan();
        StringBuilder kept = new StringBuilder();
        for (int r = 0; r < plan.outRows(); r++) {
            RowKind kind = b.kinds()[r];
            if (kind == RowKind.KEPT) {
                kept.append(kept.isEmpty() ? "" : " ").append('p').append(plan.src()[plan.rowStart()[r]] - 1);
                continue;
            }
            if (kind == RowKind.CLS) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "  row %d (%s%s) <-", r, kind.name().toLowerCase(Locale.ROOT),
                    b.groups()[r] >= 0 ? " " + b.groups()[r] : ""));
            for (int j = plan.rowStart()[r]; j < plan.rowStart()[r + 1]; j++) {
                sb.append(String.format(Locale.ROOT, "%s %.4g·p%d", j > plan.rowStart()[r] ? " +" : "",
                        plan.weight()[j], plan.src()[j] - 1));
            }
            sb.append('\n');
        }
        sb.append("  kept, in row order: ").append(kept).append('\n');
    }
}
