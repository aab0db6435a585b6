package com.alphaleak.export.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small PNG charts drawn with Java2D (headless), so reports need no plotting library and no
 * browser-side script: line charts (optionally with markers and a dashed diagonal) and
 * horizontal bar charts.
 */
public final class Chart {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189)};
    private static final int W = 640;
    private static final int H = 400;
    private static final int LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 55;

    private Chart() {}

    /**
     * One series: x and y values, drawn in order; {@code markers} draws a dot at each point,
     * {@code line} joins them (false: scattered dots only).
     */
    public record Series(String name, double[] x, double[] y, boolean markers, boolean line) {
        public Series(String name, double[] x, double[] y, boolean markers) {
            this(name, x, y, markers, true);
        }
    }

    /** A line chart with fixed axis ranges; {@code diagonal} draws y = x dashed (reliability diagrams). */
    public static byte[] lines(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax,
                               List<Series> series, boolean diagonal) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        axes(g, xLabel, yLabel, xMin, xMax, yMin, yMax);
        if (diagonal) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 5f}, 0f));
            g.drawLine(px(xMin, xMin, xMax), py(yMin, yMin, yMax), px(xMax, xMin, xMax), py(yMax, yMin, yMax));
        }
        int legendY = TOP + 12;
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            int prevX = -1, prevY = -1;
            for (int i = 0; i < ser.x().length; i++) {
                if (Double.isNaN(ser.x()[i]) || Double.isNaN(ser.y()[i])) continue;
                int cx = px(ser.x()[i], xMin, xMax), cy = py(ser.y()[i], yMin, yMax);
                if (prevX >= 0 && ser.line()) g.drawLine(prevX, prevY, cx, cy);
                if (ser.markers()) g.fillOval(cx - 4, cy - 4, 8, 8);
                prevX = cx;
                prevY = cy;
            }
            g.fillRect(W - RIGHT - 170, legendY - 8, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(ser.name(), W - RIGHT - 152, legendY + 2);
            legendY += 18;
        }
        return png(img, g);
    }

    /** Horizontal bars, largest first as given. */
    public static byte[] bars(String title, String xLabel, List<String> labels, double[] values) {
        int rowH = 18;
        int h = Math.max(H, TOP + BOTTOM + rowH * labels.size());
        BufferedImage img = new BufferedImage(W, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        double max = 0;
        for (double v : values) max = Math.max(max, v);
        int left = 230;
        int width = W - left - RIGHT - 60;
        for (int i = 0; i < labels.size(); i++) {
            int y = TOP + i * rowH;
            g.setColor(Color.DARK_GRAY);
            String l = labels.get(i).length() > 34 ? labels.get(i).substring(0, 33) + "…" : labels.get(i);
            g.drawString(l, 8, y + 13);
            g.setColor(PALETTE[0]);
            int bw = max == 0 ? 0 : (int) Math.round(width * values[i] / max);
            g.fillRect(left, y + 3, bw, rowH - 6);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.3g", values[i]), left + bw + 4, y + 13);
        }
        g.drawString(xLabel, left, h - 15);
        return png(img, g);
    }

    private static Graphics2D canvas(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g;
    }

    private static void axes(Graphics2D g, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
        for (double t : ticks(xMin, xMax)) {
            int x = px(t, xMin, xMax);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(x, TOP + 1, x, H - BOTTOM - 1);
            g.setColor(Color.DARK_GRAY);
            g.drawString(fmt(t), x - 10, H - BOTTOM + 15);
        }
        for (double t : ticks(yMin, yMax)) {
            int y = py(t, yMin, yMax);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT + 1, y, W - RIGHT - 1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(fmt(t), LEFT - 45, y + 4);
        }
        g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - 30, H - 15);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(TOP + (H - TOP - BOTTOM) / 2) - 30, 15);
        r.dispose();
    }

    static List<Double> ticks(double min, double max) {
        double span = max - min;
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        if (span / step > 10) step *= 2;
        if (span / step > 10) step *= 2.5;
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(min / step) * step; t <= max + 1e-12; t += step) out.add(t);
        return out;
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v != 0) ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
    }

    private static int px(double x, double min, double max) {
        return LEFT + (int) Math.round((x - min) / (max - min) * (W - LEFT - RIGHT));
    }

    private static int py(double y, double min, double max) {
        return H - BOTTOM - (int) Math.round((y - min) / (max - min) * (H - TOP - BOTTOM));
    }

    private static byte[] png(BufferedImage img, Graphics2D g) {
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
