package dev.unroll.runtime;

import com.palantir.javapoet.JavaFile;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.passes.schedule.Scheduled;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.inspect.Listing;
import dev.unroll.kernels.Kernel;
import dev.unroll.runtime.io.AtomicFiles;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model compiled to a kernel class: its generated source, a kernel instance, and convenience methods that run it
 * on {@link Mat} values bound by name, returning the same records as the reference interpreter
 * ({@link Bptt#run}) so results compare directly. Not thread-safe; use {@link #newKernel()} per thread.
 */
public final class CompiledModel {

    private final Adjoint adjoint;
    private final Options options;
    private final JavaFile file;
    private final String source;
    private final Class<? extends Kernel> kernelClass;
    private Kernel kernel;

    CompiledModel(Adjoint adjoint, Options options, JavaFile file, String source, Class<? extends Kernel> kernelClass) {
        this.adjoint = adjoint;
        this.options = options;
        this.file = file;
        this.source = source;
        this.kernelClass = kernelClass;
    }

    /** The generated Java source. */
    public String source() {
        return source;
    }

    /** The generated Java file. */
    public JavaFile javaFile() {
        return file;
    }

    /** The optimized program the generated source runs, whose listing is its {@code toString()}. */
    public Scheduled program() {
        return options.passes().schedule(adjoint, options.maxBatch());
    }

    /** The forward cell and its adjoint, as compiled. */
    public Adjoint adjoint() {
        return adjoint;
    }

    /** The options this model was compiled with. */
    public Options options() {
        return options;
    }

    /** The generated kernel class: compiled in memory, or found among kernels generated ahead of time. */
    public Class<? extends Kernel> kernelClass() {
        return kernelClass;
    }

    /** This model's kernel instance, which the convenience methods use; its buffers are allocated on first use. */
    public Kernel kernel() {
        if (kernel == null) {
            kernel = newKernel();
        }
        return kernel;
    }

    /** A new, independent kernel instance (its buffers allocated afresh). */
    public Kernel newKernel() {
        try {
            return kernelClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new UnrollException("the kernel " + kernelClass.getName() + " failed to initialize: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new UnrollException("the kernel " + kernelClass.getName() + " cannot be instantiated: " + e, e);
        }
    }

    /** The truncation schedule for a sequence of {@code steps} steps ({@code seed} feeds randomized truncation). */
    public double[] carry(int steps, long seed) {
        return options.truncation().carry(steps, seed);
    }

    /**
     * Writes the generated source under {@code dir} (in its package's directory) with the IR listings of the
     * forward and adjoint cells beside it ({@code <Class>.ir.txt}, {@code <Class>.adjoint.ir.txt}) and the
     * optimized program the source runs ({@code <Class>.optimized.txt}), each file atomically; the comments of the
     * source refer to the node ids of these listings. Returns the paths written.
     */
    public List<Path> writeSources(Path dir) {
        Path packageDir = dir.resolve(file.packageName().replace('.', '/'));
        String name = file.typeSpec().name();
        return List.of(
                write(packageDir.resolve(name + ".java"), source()),
                write(packageDir.resolve(name + ".ir.txt"), Listing.of(adjoint.forward(), true)),
                write(packageDir.resolve(name + ".adjoint.ir.txt"), Listing.of(adjoint.cell(), true)),
                write(packageDir.resolve(name + ".optimized.txt"), program().toString()));
    }

    private static Path write(Path target, String text) {
        AtomicFiles.writeString(target, text);
        return target;
    }

    /** Runs the forward pass over {@code inputs} (one map per step) from {@code initialStates}. */
    public Interpreter.Run forward(List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                                   Map<String, Mat> params) {
        KernelIo io = load(inputs, initialStates, params);
        int batch = io.batchOf(initialStates, inputs.get(0));
        kernel().forward(inputs.size(), batch);
        return forwardResult(io, inputs.size(), batch);
    }

    /** As {@link Bptt#run}: forward, then backward with {@code outputSeeds.get(t)} and {@code carry}. */
    public Bptt.Result run(List<Map<String, Mat>> inputs, Map<String, Mat> initialStates, Map<String, Mat> params,
                           List<Map<String, Mat>> outputSeeds, double[] carry) {
        if (outputSeeds.size() != inputs.size()) {
            throw new UnrollException("BPTT over " + inputs.size() + " steps needs " + inputs.size()
                    + " output seeds, got " + outputSeeds.size());
        }
        Interpreter.Run forward = forward(inputs, initialStates, params);
        KernelIo io = new KernelIo(kernel());
        for (int t = 0; t < outputSeeds.size(); t++) {
            io.setSeeds(t, outputSeeds.get(t));
        }
        kernel().backward(carry);
        List<Map<String, Mat>> inputGradients = new ArrayList<>();
        for (int t = 0; t < inputs.size(); t++) {
            inputGradients.add(io.inputGradients(t, kernel().batch()));
        }
        return new Bptt.Result(forward, new Bptt.Gradients(io.parameterGradients(),
                io.initialStateGradients(kernel().batch()), inputGradients));
    }

    /** As {@link Bptt#loss}: the sequence loss {@code (1/T) Σ loss_t} and its gradients. */
    public Bptt.LossResult loss(List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                                Map<String, Mat> params, double[] carry) {
        if (!adjoint.seededOutputs().equals(List.of(LossCell.LOSS))) {
            throw new UnrollException("loss needs a model compiled from a cell with a loss (seeded on '"
                    + LossCell.LOSS + "' alone), got seeds " + adjoint.seededOutputs() + "; use run(...) instead");
        }
        Mat seed = Mat.of(1, 1, 1.0 / inputs.size());
        Bptt.Result r = run(inputs, initialStates, params, inputs.stream().map(x -> Map.of(LossCell.LOSS, seed))
                .toList(), carry);
        double total = 0;
        for (Map<String, Mat> out : r.forward().outputs()) {
            total += out.get(LossCell.LOSS).get(0, 0);
        }
        return new Bptt.LossResult(total / inputs.size(), r);
    }

    /** One step of inference, as {@link Interpreter#step}. */
    public Interpreter.Step step(Map<String, Mat> inputs, Map<String, Mat> states, Map<String, Mat> params) {
        KernelIo io = load(List.of(inputs), states, params);
        int batch = io.batchOf(states, inputs);
        kernel().step(batch);
        return new Interpreter.Step(io.outputs(0, batch), io.finalStates(batch));
    }

    private KernelIo load(List<Map<String, Mat>> inputs, Map<String, Mat> initialStates, Map<String, Mat> params) {
        if (inputs.isEmpty()) {
            throw new UnrollException("a sequence needs at least 1 step, got 0");
        }
        KernelIo io = new KernelIo(kernel());
        io.setParameters(params);
        io.setInitialStates(initialStates);
        for (int t = 0; t < inputs.size(); t++) {
            io.setInputs(t, inputs.get(t));
        }
        return io;
    }

    private static Interpreter.Run forwardResult(KernelIo io, int steps, int batch) {
        List<Map<String, Mat>> outputs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            outputs.add(io.outputs(t, batch));
        }
        return new Interpreter.Run(outputs, io.finalStates(batch));
    }
}
