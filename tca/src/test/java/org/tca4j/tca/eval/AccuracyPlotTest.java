package org.tca4j.tca.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyPlotTest {
    @Test
    void eachMethodIsAColouredPointAtItsCostAndAccuracy() {
        List<MethodResult> results = List.of(
                new MethodResult("zero-shot", 100, 80, 4.4, new double[] {50}, 1),
                new MethodResult("tca-0.105", 100, 70, 3.4, new double[] {26}, 1));
        BufferedImage image = AccuracyPlot.draw(results, "test");
        AccuracyPlot.Range x = AccuracyPlot.Range.of(new double[] {4.4, 3.4});
        AccuracyPlot.Range y = AccuracyPlot.Range.of(new double[] {80, 70});
        int[] first = AccuracyPlot.pixel(4.4, 80, x, y);
        int[] second = AccuracyPlot.pixel(3.4, 70, x, y);
        // the costlier, more accurate point sits to the right and above
        assertThat(first[0]).isGreaterThan(second[0]);
        assertThat(first[1]).isLessThan(second[1]);
        assertThat(image.getRGB(first[0], first[1]) & 0xFFFFFF).isEqualTo(0x1f77b4);
        assertThat(image.getRGB(second[0], second[1]) & 0xFFFFFF).isEqualTo(0xd62728);
        assertThat(image.getRGB(first[0] + 40, first[1] + 40) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void labelsOfNearbyPointsDoNotOverlap() {
        List<java.awt.Rectangle> taken = new java.util.ArrayList<>();
        int[][] points = {{400, 200}, {404, 203}, {398, 198}, {790, 300}};
        for (int[] p : points) {
            java.awt.Rectangle box = AccuracyPlot.placeLabel(taken, p, 120, AccuracyPlot.LABEL_HEIGHT);
            assertThat(taken).as("label of point (%d, %d)", p[0], p[1]).noneMatch(box::intersects);
            assertThat(box.x).isGreaterThanOrEqualTo(2);
            assertThat(box.x + box.width).isLessThanOrEqualTo(AccuracyPlot.WIDTH - 2);
            taken.add(box);
        }
    }
}
