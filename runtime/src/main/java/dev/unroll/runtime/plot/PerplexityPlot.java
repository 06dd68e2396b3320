package dev.unroll.runtime.plot;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An SVG line chart of training (and validation) perplexity per epoch, with axes, ticks, labels and a legend;
 * plain text, so it needs no display or AWT. Epoch numbers start at 1.
 */
public final class PerplexityPlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 440;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 48;
    private static final int BOTTOM = 64;
    private static final String TRAIN_COLOR = "#1f77b4";
    private static final String VALIDATION_COLOR = "#ff7f0e";

    private PerplexityPlot() {
    }

    /**
     * Atomically writes the chart of {@code train} and {@code validation} (empty, or one value per epoch like
     * {@code train}) to {@code file}; every value must be finite and positive.
     */
    public static void write(Path file, List<Double> train, List<Double> validation) {
        Require.notNull(file, "PerplexityPlot.write", "file");
        AtomicFiles.write(file, svg(train, validation).getBytes(StandardCharsets.UTF_8));
    }

    /** The SVG document of the chart (see {@link #write}). */
    public static String svg(List<Double> train, List<Double> validation) {
        Require.noNulls(train, "PerplexityPlot", "train");
        Require.noNulls(validation, "PerplexityPlot", "validation");
        check(train, validation);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> series : List.of(train, validation)) {
            for (double v : series) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        NiceScale x = NiceScale.ofIntegers(1, train.size(), 10, LEFT, WIDTH - RIGHT);
        NiceScale y = NiceScale.of(min, max, 6, HEIGHT - BOTTOM, TOP);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n<svg xmlns="
                + "\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family="
                + "\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        out.append(text(WIDTH / 2.0, TOP / 2.0 + 4, "middle", "font-size=\"16\"", "Perplexity per epoch"));
        axes(out, x, y);
        series(out, "training", train, x, y, TRAIN_COLOR, "");
        if (!validation.isEmpty()) {
            series(out, "validation", validation, x, y, VALIDATION_COLOR, " stroke-dasharray=\"6 3\"");
        }
        legend(out, !validation.isEmpty());
        return out.append("</svg>\n").toString();
    }

    private static void check(List<Double> train, List<Double> validation) {
        if (train.isEmpty()) {
            throw new UnrollException("PerplexityPlot: needs at least one epoch of training perplexity, got none;"
                    + " plot after the first epoch");
        }
        if (!validation.isEmpty() && validation.size() != train.size()) {
            throw new UnrollException("PerplexityPlot: validation perplexity must be empty or have one value per"
                    + " epoch like training (" + train.size() + "), got " + validation.size() + " values");
        }
        checkValues("training", train);
        checkValues("validation", validation);
    }

    private static void checkValues(String what, List<Double> values) {
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v == null || !Double.isFinite(v) || v <= 0) {
                throw new UnrollException("PerplexityPlot: perplexities must be finite and > 0, but the " + what
                        + " perplexity of epoch " + (i + 1) + " is " + v + "; training diverged, so lower the"
                        + " learning rate or clip gradients (--clip)");
            }
        }
    }

    private static void axes(StringBuilder out, NiceScale x, NiceScale y) {
        double left = x.pixelLow();
        double right = x.pixelHigh();
        double bottom = y.pixelLow();
        for (double tick : y.ticks()) {
            double py = y.pixel(tick);
            out.append(line(left, py, right, py, "#e0e0e0", ""));
            out.append(text(left - 8, py + 4, "end", "", y.label(tick)));
        }
        for (double tick : x.ticks()) {
            double px = x.pixel(tick);
            out.append(line(px, bottom, px, bottom + 5, "black", ""));
            out.append(text(px, bottom + 20, "middle", "", x.label(tick)));
        }
        out.append(line(left, bottom, right, bottom, "black", ""));
        out.append(line(left, bottom, left, y.pixelHigh(), "black", ""));
        out.append(text((left + right) / 2, HEIGHT - 18, "middle", "", "epoch"));
        out.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.2f\" text-anchor=\"middle\" transform="
                + "\"rotate(-90 18 %.2f)\">perplexity</text>%n", (bottom + y.pixelHigh()) / 2,
                (bottom + y.pixelHigh()) / 2));
    }

    private static void series(StringBuilder out, String name, List<Double> values, NiceScale x, NiceScale y,
                               String color, String style) {
        StringBuilder points = new StringBuilder();
        StringBuilder markers = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double px = x.pixel(i + 1);
            double py = y.pixel(values.get(i));
            points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f,%.2f", px, py));
            markers.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"2.5\" fill=\"%s\"/>%n",
                    px, py, color));
        }
        out.append(String.format(Locale.ROOT, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width="
                + "\"2\"%s points=\"%s\"/>%n", name, color, style, points));
        out.append(markers);
    }

    private static void legend(StringBuilder out, boolean withValidation) {
        double left = WIDTH - RIGHT - 130;
        double top = TOP + 8;
        out.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"122\" height=\"%d\" fill="
                + "\"white\" stroke=\"#999999\"/>%n", left, top, withValidation ? 46 : 26));
        out.append(line(left + 8, top + 13, left + 36, top + 13, TRAIN_COLOR, " stroke-width=\"2\""));
        out.append(text(left + 44, top + 17, "start", "", "training"));
        if (withValidation) {
            out.append(line(left + 8, top + 33, left + 36, top + 33, VALIDATION_COLOR,
                    " stroke-width=\"2\" stroke-dasharray=\"6 3\""));
            out.append(text(left + 44, top + 37, "start", "", "validation"));
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String extra) {
        return String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, color, extra);
    }

    private static String text(double x, double y, String anchor, String extra, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\"%s>%s</text>%n", x, y,
                anchor, extra.isEmpty() ? "" : " " + extra, content);
    }
}
