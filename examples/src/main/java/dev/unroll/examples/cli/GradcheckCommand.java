package dev.unroll.examples.cli;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.Report;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.train.TrainingFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Checks a model's gradients: the reference BPTT of the whole model against finite differences (untruncated only),
 * every scan's BPTT with the chosen truncation against the gradient-check kit's truncation-aware reference (every
 * element for small models, random directions for large ones), and the generated float64 code against the
 * reference.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check a model's BPTT gradients against finite differences and the generated code against the"
                + " reference interpreter; exits 1 on failure.")
final class GradcheckCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    /** The longest sequence checked: every step multiplies the finite-difference work. */
    static final int MAX_STEPS = 1000;

    /** The largest batch checked. */
    static final int MAX_BATCH = 1000;

    /** Copies of the parameters the reference interpreter and the check keep, for the memory check. */
    private static final int CHECK_COPIES = 16;

    @Option(names = "--vocab", defaultValue = "6", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--steps", defaultValue = "4", description = "Time steps, 1 to " + MAX_STEPS
            + " (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "2", description = "Batch rows, 1 to " + MAX_BATCH
            + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--truncation", defaultValue = "full", paramLabel = "full|fixed:K|random:π",
            description = "BPTT truncation; truncated gradients are checked scan by scan against the gradient-check"
                    + " kit's truncation-aware reference (default: ${DEFAULT-VALUE}).")
    String truncation;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Largest relative error accepted"
            + " (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of data and parameters (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-elements", defaultValue = "4000", description = "Check every element when the model has at"
            + " most this many parameters, else 8 random directions (default: ${DEFAULT-VALUE}).")
    int maxElements;

    @Override
    public Integer call() {
        validate();
        Truncation cut = TrainingFlags.truncation(truncation);
        Program program = Planner.plan(model.languageModel(vocab));
        Footprint.requireFits(program, model.describe(), CHECK_COPIES);
        Random rng = new Random(seed);
        List<Mat> x = tokens(rng);
        List<Mat> y = tokens(rng);
        Map<String, Mat> params = ParamStore.initialize(program, seed).mats();
        double[] carry = cut.carry(steps, seed);
        ProgramRunner.Result ref = ProgramRunner.run(program, x, y, Map.of(), params, carry);
        int elements = params.values().stream().mapToInt(m -> m.rows() * m.cols()).sum();
        System.out.printf("model %s, vocabulary %d, T = %d, B = %d, %d parameters, %s truncation%n",
                model.describe(), vocab, steps, batch, elements, truncation);
        boolean ok = true;
        if (cut instanceof Truncation.Full) {
            System.out.println("the whole model against finite differences:");
            ok &= wholeModel(program, x, y, params, ref, carry, elements);
        } else {
            System.out.println("the whole model against finite differences: skipped (they differentiate the"
                    + " untruncated loss; each scan is checked against the truncated one below)");
        }
        ok &= scans(cut);
        ok &= generatedMatches(program, x, y, params, carry, ref);
        System.out.println(ok ? "gradcheck passed" : "gradcheck FAILED");
        return ok ? 0 : 1;
    }

    private void validate() {
        model.validate();
        Flags.range("--vocab", vocab, 1, Flags.MAX_VOCAB);
        Flags.range("--steps", steps, 1, MAX_STEPS);
        Flags.range("--batch", batch, 1, MAX_BATCH);
        Flags.positive("--tolerance", tolerance);
        Flags.range("--max-elements", maxElements, 0, Integer.MAX_VALUE);
        if (TrainingFlags.truncation(truncation) instanceof Truncation.Fixed f && f.k() > steps) {
            throw new UnrollException("--truncation fixed:" + f.k() + " is longer than the sequence (--steps "
                    + steps + "); use K ≤ T, or full truncation");
        }
    }

    private boolean wholeModel(Program program, List<Mat> x, List<Mat> y, Map<String, Mat> params,
                               ProgramRunner.Result ref, double[] carry, int elements) {
        if (elements <= maxElements) {
            return report(GradCheck.finiteDifferences(p -> ProgramRunner.run(program, x, y, Map.of(), p, carry)
                    .loss(), params, ref.paramGrads()));
        }
        boolean ok = true;
        for (int d = 0; d < 8; d++) {
            ok &= report(GradCheck.directional(p -> ProgramRunner.run(program, x, y, Map.of(), p, carry).loss(),
                    params, ref.paramGrads(), seed + d));
        }
        return ok;
    }

    /** Every scan, on features instead of token ids, against the kit's truncation-aware reference. */
    private boolean scans(Truncation cut) {
        Program features = Planner.plan(model.model(Encoding.features(vocab), vocab));
        boolean ok = true;
        for (ScanChecks.Named s : ScanChecks.of(features, cut, steps, batch, seed)) {
            System.out.printf("scan %s with %s truncation, on random data, against the gradient-check kit:%n",
                    s.scan(), truncation);
            for (Report r : ScanChecks.compare(s.check(), s.check().analytic(), maxElements, seed)) {
                ok &= report(r);
            }
        }
        return ok;
    }

    private boolean report(Report r) {
        System.out.print(r.table());
        return r.worstError() <= tolerance;
    }

    private boolean generatedMatches(Program program, List<Mat> x, List<Mat> y, Map<String, Mat> params,
                                     double[] carry, ProgramRunner.Result ref) {
        ProgramExecutor ex = Compilation.factory().create(program, steps, batch, Dtype.FLOAT64);
        ex.setParameters(ParamStore.of(program, params, "the reference run"));
        ex.forward(columns(x), columns(y), Map.of(), batch);
        ex.backward(carry);
        ParamStore grads = ex.gradients();
        double worst = 0;
        for (int p = 0; p < grads.size(); p++) {
            double[] a = ref.paramGrads().get(grads.ref(p).text()).data();
            double[] b = grads.values(p);
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, GradCheck.relativeError(b[i], a[i], GradCheck.DEFAULT_FLOOR));
            }
        }
        System.out.printf("generated float64 code vs reference interpreter: worst relative error %.3e%n", worst);
        return worst <= 1e-10;
    }

    private List<Mat> tokens(Random rng) {
        List<Mat> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            double[] d = new double[batch];
            for (int b = 0; b < batch; b++) {
                d[b] = rng.nextInt(vocab);
            }
            out.add(Mat.of(batch, 1, d));
        }
        return out;
    }

    private static double[][] columns(List<Mat> steps) {
        double[][] out = new double[steps.size()][];
        for (int t = 0; t < steps.size(); t++) {
            out[t] = steps.get(t).data();
        }
        return out;
    }
}
