package dev.unroll.examples.cli;

import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.Report;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.kernel.Dtype;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.runtime.model.ProgramExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Checks a model's gradients: the reference BPTT against finite differences (every element for small models,
 * random directions for large ones) and the generated float64 code against the reference.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check a model's BPTT gradients against finite differences and the generated code against the"
                + " reference interpreter; exits 1 on failure.")
final class GradcheckCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--vocab", defaultValue = "6", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--steps", defaultValue = "4", description = "Time steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "2", description = "Batch rows (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--truncation", defaultValue = "full", description = "full, fixed:K or random:π"
            + " (default: ${DEFAULT-VALUE}).")
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
        Program program = Planner.plan(model.languageModel(vocab));
        Random rng = new Random(seed);
        List<Mat> x = tokens(rng);
        List<Mat> y = tokens(rng);
        Map<String, Mat> params = ProgramRunner.initialize(program, seed);
        double[] carry = TrainingOptions.truncation(truncation).carry(steps, seed);
        ProgramRunner.Result ref = ProgramRunner.run(program, x, y, Map.of(), params, carry);
        int elements = params.values().stream().mapToInt(m -> m.rows() * m.cols()).sum();
        System.out.printf("model %s, vocabulary %d, T = %d, B = %d, %d parameters%n", model.describe(), vocab, steps,
                batch, elements);
        boolean ok = true;
        if (elements <= maxElements) {
            ok &= report(GradCheck.finiteDifferences(p -> ProgramRunner.run(program, x, y, Map.of(), p, carry).loss(),
                    params, ref.paramGrads()));
        } else {
            for (int d = 0; d < 8; d++) {
                ok &= report(GradCheck.directional(p -> ProgramRunner.run(program, x, y, Map.of(), p, carry).loss(),
                        params, ref.paramGrads(), seed + d));
            }
        }
        ok &= generatedMatches(program, x, y, params, carry, ref);
        System.out.println(ok ? "gradcheck passed" : "gradcheck FAILED");
        return ok ? 0 : 1;
    }

    private boolean report(Report r) {
        System.out.print(r.table());
        return r.worstError() <= tolerance;
    }

    private boolean generatedMatches(Program program, List<Mat> x, List<Mat> y, Map<String, Mat> params,
                                     double[] carry, ProgramRunner.Result ref) {
        ProgramExecutor ex = Compilation.factory().create(program, steps, batch, Dtype.FLOAT64);
        Map<String, double[]> flat = new LinkedHashMap<>();
        params.forEach((k, v) -> flat.put(k, v.data()));
        ex.setParameters(flat);
        ex.forward(columns(x), columns(y), Map.of(), batch);
        ex.backward(carry);
        Map<String, double[]> grads = ex.gradients();
        double worst = 0;
        for (Map.Entry<String, Mat> e : ref.paramGrads().entrySet()) {
            double[] a = e.getValue().data();
            double[] b = grads.get(e.getKey());
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
