package dev.unroll.compiler.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of comparing analytic gradients with a reference (finite differences, the forward-mode oracle, or
 * another derivation), one {@link Entry} per variable naming its worst element.
 *
 * @param reference what the analytic values were compared with, e.g. {@code "finite differences (h = 0.001)"}
 * @param floor the floor of the relative error, see {@link GradCheck#relativeError}
 * @param entries one per variable, in the order the variables were given
 */
public record Report(String reference, double floor, List<Entry> entries) {

    /**
     * One variable's summary: how many elements were compared and how many skipped (finite differences skip an
     * element where the loss is not smooth within the step, e.g. across a relu kink), and its worst element.
     *
     * @param variable the variable's name
     * @param elements the number of elements of the variable
     * @param skipped elements not compared because the reference could not be trusted there
     * @param row the worst element's row, or −1 when no element was compared
     * @param col the worst element's column, or −1 when no element was compared
     * @param analytic the analytic gradient at the worst element
     * @param reference the reference value at the worst element
     * @param error the relative error at the worst element (0 when no element was compared)
     */
    public record Entry(String variable, int elements, int skipped, int row, int col, double analytic,
                        double reference, double error) {

        /** The worst element's index, {@code [row,col]}, or {@code -} when none was compared. */
        public String index() {
            return row < 0 ? "-" : "[" + row + "," + col + "]";
        }
    }

    public Report {
        entries = List.copyOf(entries);
    }

    /** The largest relative error over all variables (0 for an empty report; infinite if any value is not finite). */
    public double worstError() {
        double worst = 0;
        for (Entry e : entries) {
            worst = Math.max(worst, e.error());
        }
        return worst;
    }

    /** The entry of {@code variable}. */
    public Entry entry(String variable) {
        for (Entry e : entries) {
            if (e.variable().equals(variable)) {
                return e;
            }
        }
        throw new IllegalArgumentException("the report has no variable '" + variable + "'");
    }

    /** The number of elements compared, over all variables. */
    public int compared() {
        return entries.stream().mapToInt(e -> e.elements() - e.skipped()).sum();
    }

    /** The number of elements skipped, over all variables. */
    public int skipped() {
        return entries.stream().mapToInt(Entry::skipped).sum();
    }

    /** Returns this report if every variable's worst error is at most {@code tolerance}; throws otherwise. */
    public Report assertWithin(double tolerance) {
        List<Entry> failing = new ArrayList<>();
        for (Entry e : entries) {
            if (!(e.error() <= tolerance)) {
                failing.add(e);
            }
        }
        if (!failing.isEmpty()) {
            Entry w = failing.stream().reduce((a, b) -> b.error() > a.error() || Double.isNaN(b.error()) ? b : a)
                    .orElseThrow();
            throw new AssertionError(String.format(Locale.ROOT, "gradient check failed: %d of %d variables exceed"
                    + " the relative error %.1e; worst %s%s: analytic %s, %s %s, error %.3e%n%s", failing.size(),
                    entries.size(), tolerance, w.variable(), w.index(), w.analytic(), reference, w.reference(),
                    w.error(), table(tolerance)));
        }
        return this;
    }

    /** The report as a table, one line per variable. */
    public String table() {
        return table(Double.POSITIVE_INFINITY);
    }

    private String table(double tolerance) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "analytic gradients vs %s; error = |a - r| / max(|a| + |r|, %.1e)%n", reference, floor));
        int width = Math.max(8, entries.stream().mapToInt(e -> e.variable().length()).max().orElse(8));
        String format = "%-" + width + "s  %8s  %7s  %-9s  %24s  %24s  %10s%s%n";
        sb.append(String.format(Locale.ROOT, format, "variable", "elements", "skipped", "worst", "analytic",
                "reference", "error", ""));
        for (Entry e : entries) {
            sb.append(String.format(Locale.ROOT, format, e.variable(), e.elements(), e.skipped(), e.index(),
                    number(e.analytic()), number(e.reference()), String.format(Locale.ROOT, "%.3e", e.error()),
                    e.error() <= tolerance ? "" : "  <-- exceeds " + tolerance));
        }
        return sb.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.16e", v);
    }

    @Override
    public String toString() {
        return table();
    }
}
