package org.tca4j.tca.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Accuracy against mean GFLOPs per image, one labelled point per method, drawn with java.awt (headless) into a PNG.
 * The axes span the data with a margin; text is optional so a JDK without fonts still gets the points.
 */
public final class AccuracyPlot {
    static final int WIDTH = 800;
    static final int HEIGHT = 520;
    static final int LEFT = 80;
    static final int RIGHT = 40;
    static final int TOP = 50;
    static final int BOTTOM = 60;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private AccuracyPlot() {}

    /** The plot as PNG bytes. */
    public static byte[] png(List<MethodResult> results, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = draw(results, title);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The plot as an image; {@link #pixel} gives where a point lands. */
    static BufferedImage draw(List<MethodResult> results, String title) {
        Range x = Range.of(results.stream().mapToDouble(MethodResult::meanGflops).toArray());
        Range y = Range.of(results.stream().mapToDouble(MethodResult::accuracyPercent).toArray());
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1.5f));
            g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            for (int i = 0; i < results.size(); i++) {
                MethodResult r = results.get(i);
                int[] p = pixel(r.meanGflops(), r.accuracyPercent(), x, y);
                g.setColor(PALETTE[i % PALETTE.length]);
                g.fillOval(p[0] - 6, p[1] - 6, 12, 12);
            }
            labels(g, results, title, x, y);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Height of a label's box, in pixels, for the 13-point font. */
    static final int LABEL_HEIGHT = 15;

    /**
     * Where a point's label goes: the first of a few spots around the point (right above, right below, left above,
     * left below, then further up and down) that stays in the picture and overlaps nothing in {@code taken} (the
     * points and the labels placed before); the first spot in the picture when all overlap.
     */
    static Rectangle placeLabel(List<Rectangle> taken, int[] point, int width, int height) {
        int right = point[0] + 9, left = point[0] - 9 - width;
        int[][] spots = {
            {right, point[1] - 8 - height}, {right, point[1] + 6}, {left, point[1] - 8 - height}, {left, point[1] + 6},
            {right, point[1] - 8 - 2 * height}, {right, point[1] + 6 + height},
            {left, point[1] - 8 - 2 * height}, {left, point[1] + 6 + height},
        };
        Rectangle fallback = null;
        for (int[] spot : spots) {
            Rectangle box = new Rectangle(spot[0], spot[1], width, height);
            if (box.x < 2 || box.x + width > WIDTH - 2 || box.y < TOP - 20 || box.y + height > HEIGHT - BOTTOM) {
                continue;
            }
            if (taken.stream().noneMatch(box::intersects)) {
                return box;
            }
            fallback = fallback == null ? box : fallback;
        }
        return fallback != null ? fallback : new Rectangle(right, point[1] - 8 - height, width, height);
    }

    private static void labels(Graphics2D g, List<MethodResult> results, String title, Range x, Range y) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.DARK_GRAY);
            for (int t = 0; t <= 4; t++) {
                double gx = x.lo + t * (x.hi - x.lo) / 4;
                double ay = y.lo + t * (y.hi - y.lo) / 4;
                int[] px = pixel(gx, y.lo, x, y);
                int[] py = pixel(x.lo, ay, x, y);
                g.drawLine(px[0], HEIGHT - BOTTOM, px[0], HEIGHT - BOTTOM + 5);
                g.drawString(String.format(Locale.ROOT, "%.3f", gx), px[0] - 18, HEIGHT - BOTTOM + 20);
                g.drawLine(LEFT - 5, py[1], LEFT, py[1]);
                g.drawString(String.format(Locale.ROOT, "%.1f", ay), LEFT - 45, py[1] + 5);
            }
            g.drawString("GFLOPs per image", WIDTH / 2 - 55, HEIGHT - 15);
            g.drawString("top-1 %", 10, TOP - 10);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("accuracy vs cost: " + title, LEFT, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            List<Rectangle> taken = new ArrayList<>(); // the points, then each label placed
            for (MethodResult r : results) {
                int[] p = pixel(r.meanGflops(), r.accuracyPercent(), x, y);
                taken.add(new Rectangle(p[0] - 6, p[1] - 6, 12, 12));
            }
            for (int i = 0; i < results.size(); i++) {
                MethodResult r = results.get(i);
                int[] p = pixel(r.meanGflops(), r.accuracyPercent(), x, y);
                g.setColor(PALETTE[i % PALETTE.length]);
                String label = String.format(Locale.ROOT, "%s (%.1f%%)", r.method(), r.accuracyPercent());
                Rectangle box = placeLabel(taken, p, g.getFontMetrics().stringWidth(label), LABEL_HEIGHT);
                taken.add(box);
                g.drawString(label, box.x, box.y + box.height - 3);
            }
        } catch (OutOfMemoryError | StackOverflowError fatal) {
            throw fatal;
        } catch (Error | RuntimeException noFonts) {
            // a JDK without usable fonts (AWT reports it as an Error or InternalError): the points and axes stand
            // without text
        }
    }

    /** Where data point (gflops, accuracy) lands. */
    static int[] pixel(double gflops, double accuracy, Range x, Range y) {
        double fx = (gflops - x.lo) / (x.hi - x.lo);
        double fy = (accuracy - y.lo) / (y.hi - y.lo);
        return new int[] {LEFT + (int) Math.round(fx * (WIDTH - LEFT - RIGHT)),
                HEIGHT - BOTTOM - (int) Math.round(fy * (HEIGHT - TOP - BOTTOM))};
    }

    /** An axis range: the data's span plus 10 % each side (or ±1 around a single value). */
    record Range(double lo, double hi) {
        static Range of(double[] values) {
            double lo = java.util.Arrays.stream(values).min().orElse(0);
            double hi = java.util.Arrays.stream(values).max().orElse(1);
            double pad = hi > lo ? 0.1 * (hi - lo) : Math.max(1e-3, Math.abs(hi) * 0.05);
            return new Range(lo - pad, hi + pad);
        }
    }
}
