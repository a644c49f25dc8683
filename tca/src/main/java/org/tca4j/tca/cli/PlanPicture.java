package org.tca4j.tca.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.tca4j.core.tensor.FloatMatrix;
import org.tca4j.tca.condense.CondensedBlock;
import org.tca4j.tca.condense.RowKind;
import org.tca4j.tca.condense.SourceTracker;
import org.tca4j.vit.config.PreprocessConfig;

/**
 * Draws {@code explain}'s picture: the model's input image, then per condensation block the same image with each
 * patch tinted by what its token became at that block (followed through earlier merges).
 */
final class PlanPicture {
    private static final int SCALE = 2;
    private static final int CAPTION = 22;
    private static final int LEGEND = 28;
    private static final Color FUSED = new Color(0, 0, 0, 185);
    private static final Color[] CENTRES = {new Color(230, 25, 75), new Color(60, 180, 75), new Color(0, 130, 200),
            new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240)};

    private PlanPicture() {}

    static BufferedImage draw(FloatMatrix pixels, PreprocessConfig pre, int grid, List<CondensedBlock> blocks,
                              String title) {
        int side = pre.size() * SCALE, patch = side / grid;
        int panels = 1 + blocks.size();
        BufferedImage out = new BufferedImage(panels * (side + 8) + 8, CAPTION + side + LEGEND + 8,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        BufferedImage input = denormalize(pixels, pre);
        SourceTracker tracker = new SourceTracker(grid * grid);
        for (int i = 0; i < panels; i++) {
            int x0 = 8 + i * (side + 8), y0 = CAPTION;
            g.drawImage(input, x0, y0, side, side, null);
            g.setColor(Color.BLACK);
            if (i == 0) {
                g.drawString(title, x0, CAPTION - 6);
                continue;
            }
            CondensedBlock b = blocks.get(i - 1);
            tracker.apply(b.plan());
            g.drawString("block " + b.layer() + ": " + b.plan().inRows() + " -> " + b.plan().outRows() + " tokens",
                    x0, CAPTION - 6);
            tint(g, b, tracker, grid, patch, x0, y0);
        }
        legend(g, out.getHeight() - LEGEND + 4);
        g.dispose();
        return out;
    }

    /** Colours every image patch by the kind of the row holding it after block {@code b}. */
    private static void tint(Graphics2D g, CondensedBlock b, SourceTracker tracker, int grid, int patch, int x0,
                             int y0) {
        g.setStroke(new BasicStroke(1));
        for (int r = 0; r < tracker.rows(); r++) {
            RowKind kind = b.kinds()[r];
            if (kind == RowKind.KEPT || kind == RowKind.CLS) {
                continue;
            }
            Color c = kind == RowKind.FUSED ? FUSED : translucent(centreColour(b.groups()[r]));
            g.setColor(c);
            for (int p : tracker.patchesOf(r)) {
                g.fillRect(x0 + (p % grid) * patch, y0 + (p / grid) * patch, patch, patch);
            }
        }
    }

    static Color centreColour(int group) {
        if (group < CENTRES.length) {
            return CENTRES[Math.max(group, 0)];
        }
        return Color.getHSBColor((group * 0.618034f) % 1f, 0.75f, 0.95f);
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 150);
    }

    private static void legend(Graphics2D g, int y) {
        int x = 8;
        g.setColor(Color.BLACK);
        g.drawRect(x, y, 14, 14);
        g.drawString("kept", x + 20, y + 12);
        x += 70;
        for (int k = 0; k < 4; k++) {
            g.setColor(CENTRES[k]);
            g.fillRect(x + 18 * k, y, 14, 14);
        }
        g.setColor(Color.BLACK);
        g.drawString("merged (one colour per merged token)", x + 80, y + 12);
        x += 340;
        g.setColor(FUSED);
        g.fillRect(x, y, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString("fused", x + 20, y + 12);
    }

    /** The model's input back to 8-bit RGB: {@code (x·std + mean)·255}. */
    private static BufferedImage denormalize(FloatMatrix pixels, PreprocessConfig pre) {
        int s = pre.size();
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        float[] v = pixels.toArray();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    float f = (v[c * s * s + y * s + x] * pre.std()[c] + pre.mean()[c]) * 255f;
                    rgb = (rgb << 8) | Math.clamp(Math.round(f), 0, 255);
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }
}
