package org.tca4j.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.tca4j.core.testing.Seeded;
import org.tca4j.core.tensor.FloatMatrix;

/** {@link RowTiles}: the tile plan for every row count up to 400, and the packed layout it implies. */
class RowTilesTest {
    @Test
    void tilesCoverTheRowsOnceWithKernelHeightsAndLittlePadding() {
        for (int m = 1; m <= 400; m++) {
            int next = 0, padding = 0;
            for (int t = 0; t < RowTiles.count(m); t++) {
                int height = RowTiles.height(m, t);
                assertThat(RowTiles.start(m, t)).as("start of tile %d, m = %d", t, m).isEqualTo(next);
                assertThat(height).as("height of tile %d, m = %d", t, m).isIn(12, 8, 6);
                assertThat(RowTiles.rows(m, t)).as("rows of tile %d, m = %d", t, m)
                        .isEqualTo(Math.min(height, m - next));
                if (t < RowTiles.count(m) - 1) {
                    assertThat(RowTiles.rows(m, t)).as("only the last tile is cut, m = %d", m).isEqualTo(height);
                }
                padding += height - RowTiles.rows(m, t);
                next += height;
            }
            assertThat(next).as("rows covered, m = %d", m).isGreaterThanOrEqualTo(m);
            int rest = m % 12;
            int allowed = m < 5 ? 6 - m : rest >= 9 ? 12 - rest : 1;
            assertThat(padding).as("padding rows, m = %d", m).isLessThanOrEqualTo(allowed);
            assertThat(RowTiles.size(m, 7)).as("size, m = %d", m).isEqualTo(next * 7);
        }
    }

    @Test
    void condensedRowCountsEndOnShortTilesWithoutPadding() {
        assertThat(heights(74)).containsExactly(12, 12, 12, 12, 12, 8, 6);
        assertThat(heights(140)).endsWith(12, 8).hasSize(12);
        assertThat(heights(197)).endsWith(12, 6).hasSize(17);
        assertThat(heights(16)).containsExactly(8, 8);
        assertThat(heights(3)).containsExactly(6);
    }

    @Test
    void packsEachTileKMajorWithItsHeightAsStride() {
        for (int m : new int[] {1, 5, 13, 15, 26, 74}) {
            int k = 9;
            FloatMatrix a = Seeded.matrix(m, m, k);
            float[] packed = new float[RowTiles.size(m, k)];
            java.util.Arrays.fill(packed, Float.NaN);
            RowTiles.pack(a.segment(), 0, k, m, k, packed);
            float[] fromNative = new float[packed.length];
            MemorySegment offHeap = java.lang.foreign.Arena.ofAuto().allocate(4L * m * k);
            MemorySegment.copy(a.segment(), 0, offHeap, 0, 4L * m * k);
            RowTiles.pack(offHeap, 0, k, m, k, fromNative);
            for (int t = 0; t < RowTiles.count(m); t++) {
                int start = RowTiles.start(m, t), height = RowTiles.height(m, t);
                for (int r = 0; r < height; r++) {
                    for (int kk = 0; kk < k; kk++) {
                        float expected = start + r < m ? a.get(start + r, kk) : 0f;
                        int at = start * k + kk * height + r;
                        assertThat(packed[at]).as("m = %d tile %d row %d k %d, seed %d", m, t, r, kk, m)
                                .isEqualTo(expected);
                        assertThat(fromNative[at]).as("native, m = %d tile %d row %d k %d", m, t, r, kk)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    private static int[] heights(int m) {
        int[] heights = new int[RowTiles.count(m)];
        for (int t = 0; t < heights.length; t++) {
            heights[t] = RowTiles.height(m, t);
        }
        return heights;
    }
}
