package dev.unroll.compiler.model;

/**
 * The data of the current run of a {@link ProgramExecutor}: the model inputs per step (sequence, targets and, for an
 * encoder–decoder, the source), each axis's row lengths, and from them the mask and weight inputs and the kernel
 * step at which a scan processes a row's time step.
 */
final class RunData implements ScanBuffers.StepOf, ScanBuffers.DataOf {

    private final Lengths lengths;
    private final Lengths sourceLengths = new Lengths(true, false, "sourceLengths");
    private double[][] x;
    private double[][] targets;
    private double[][] source;

    RunData(Model model) {
        this.lengths = new Lengths(model.masked(), model.head().lastStepOnly(), "lengths");
    }

    /** Takes the sequence (or decoder) inputs and targets of {@code steps} steps, row lengths {@code given}. */
    void sequence(double[][] newX, double[][] newTargets, int[] given, int steps, int batch) {
        x = newX;
        targets = newTargets;
        lengths.set(given, steps, batch);
    }

    /** Takes an encoder–decoder's source of {@code source.length} steps, row lengths {@code given}. */
    void source(double[][] newSource, int[] given, int batch) {
        source = newSource;
        sourceLengths.set(given, newSource.length, batch);
    }

    /** The lengths of the sequence (or decoder) axis, which the loss is over. */
    Lengths lengths() {
        return lengths;
    }

    @Override
    public double[] data(String name, int t) {
        return switch (name) {
            case Program.TARGET -> targets[t];
            case Program.MASK -> lengths.mask(t);
            case Program.WEIGHT -> lengths.weight(t);
            case Program.SOURCE -> source[t];
            case Program.SOURCE_MASK -> sourceLengths.mask(t);
            default -> x[t];
        };
    }

    /**
     * The kernel step at which a scan processes time {@code t} of row {@code r}, and back. A backward direction
     * reverses each row within its own length and leaves its padding at the end, as a forward scan does: it starts
     * at the row's last valid step, and its truncation chunks count from there, whatever the padding.
     */
    @Override
    public int step(Program.Scan scan, int t, int r) {
        return scan.reverse() ? axis(scan).reversed(t, r) : t;
    }

    @Override
    public int last(Program.Scan scan, int r) {
        return axis(scan).lastStep(r);
    }

    /** The lengths of the axis {@code scan} runs over. */
    private Lengths axis(Program.Scan scan) {
        return scan.source() ? sourceLengths : lengths;
    }
}
