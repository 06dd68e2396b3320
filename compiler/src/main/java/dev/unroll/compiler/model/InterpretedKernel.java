package dev.unroll.compiler.model;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.kernels.AbstractKernel;
import dev.unroll.kernels.Dtype;
import dev.unroll.kernels.KernelSpec;
import dev.unroll.kernels.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The reference backend of the {@link dev.unroll.kernels.Kernel} contract: the interpreter runs the forward
 * cell and {@link Bptt} its adjoint, in double precision, over buffers laid out as a generated kernel's, and the
 * same {@link AbstractKernel} checks every call. It allocates freely and is slow; it is the oracle that generated
 * kernels are compared with, and shares nothing with them but the contract and its argument checks.
 */
public final class InterpretedKernel extends AbstractKernel {

    private final Adjoint adjoint;
    private final Buffers values;
    private final Buffers gradients;
    private final double[][] outputs;
    private final double[][] seeds;

    /** Per-slot buffers of one kind of value and, where they exist, of their gradients. */
    private record Buffers(double[][] inputs, double[][] states, double[][] params) {
    }

    private InterpretedKernel(KernelSpec spec, Adjoint adjoint) {
        super(spec);
        this.adjoint = adjoint;
        int steps = spec.maxSteps();
        int batch = spec.maxBatch();
        values = new Buffers(sized(spec.inputs(), steps, batch), sized(spec.states(), steps + 1, batch),
                sized(spec.params(), 1, batch));
        double[][] inputGradients = sized(spec.inputs(), steps, batch);
        for (int i = 0; i < inputGradients.length; i++) {
            inputGradients[i] = adjoint.inputGradient(i).isPresent() ? inputGradients[i] : null;
        }
        gradients = new Buffers(inputGradients, sized(spec.states(), steps + 1, batch),
                sized(spec.params(), 1, batch));
        outputs = sized(spec.outputs(), steps, batch);
        seeds = sized(spec.seeds(), steps, batch);
        bindAll();
    }

    /** A kernel running {@code adjoint}'s forward cell and backward pass for up to {@code maxSteps × maxBatch}. */
    public static InterpretedKernel of(Adjoint adjoint, int maxSteps, int maxBatch) {
        Require.notNull(adjoint, "InterpretedKernel.of", "adjoint");
        if (maxSteps < 1 || maxBatch < 1) {
            throw new UnrollException("an interpreted kernel needs maxSteps ≥ 1 and maxBatch ≥ 1, got " + maxSteps
                    + " and " + maxBatch);
        }
        return new InterpretedKernel(spec(adjoint, maxSteps, maxBatch), adjoint);
    }

    /** The spec a generated kernel of {@code adjoint} would have, in double precision. */
    private static KernelSpec spec(Adjoint adjoint, int maxSteps, int maxBatch) {
        Cell fwd = adjoint.forward();
        List<String> withGradient = new ArrayList<>();
        for (int i = 0; i < fwd.inputs().size(); i++) {
            if (adjoint.inputGradient(i).isPresent()) {
                withGradient.add(fwd.inputs().get(i).name());
            }
        }
        return new KernelSpec(fwd.name(), Dtype.FLOAT64, maxSteps, maxBatch,
                slots(fwd.inputs(), p -> slot(p.name(), p.shape())),
                slots(fwd.states(), s -> slot(s.name(), s.shape())),
                slots(fwd.params(), p -> slot(p.name(), p.shape())),
                slots(fwd.outputs(), p -> slot(p.name(), p.shape())),
                slots(adjoint.seededOutputs().stream().map(fwd::output).toList(), p -> slot(p.name(), p.shape())),
                withGradient);
    }

    private static <T> List<KernelSpec.Slot> slots(List<T> items, Function<T, KernelSpec.Slot> slot) {
        return items.stream().map(slot).toList();
    }

    private static KernelSpec.Slot slot(String name, Shape shape) {
        return shape.batched() ? KernelSpec.Slot.batched(name, shape.cols())
                : KernelSpec.Slot.fixed(name, shape.rows(), shape.cols());
    }

    private static double[][] sized(List<KernelSpec.Slot> slots, int blocks, int maxBatch) {
        double[][] out = new double[slots.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[Math.multiplyExact(blocks, slots.get(i).stride(maxBatch))];
        }
        return out;
    }

    private void bindAll() {
        for (int i = 0; i < values.inputs().length; i++) {
            double[] g = gradients.inputs()[i];
            bindInput(i, Store.of(values.inputs()[i]), g == null ? null : Store.of(g));
        }
        for (int s = 0; s < values.states().length; s++) {
            bindState(s, Store.of(values.states()[s]), Store.of(gradients.states()[s]));
        }
        for (int p = 0; p < values.params().length; p++) {
            bindParameter(p, Store.of(values.params()[p]), Store.of(gradients.params()[p]));
        }
        for (int o = 0; o < outputs.length; o++) {
            bindOutput(o, Store.of(outputs[o]), spec().outputs().get(o).stride(spec().maxBatch()));
        }
        for (int k = 0; k < seeds.length; k++) {
            bindSeed(k, Store.of(seeds[k]));
        }
    }

    @Override
    protected void runForward(int steps, int batch) {
        for (int t = 0; t < steps; t++) {
            forwardStep(t, batch);
        }
    }

    private void forwardStep(int t, int batch) {
        Cell cell = adjoint.forward();
        Interpreter.Step s = Interpreter.step(cell, read(spec().inputs(), values.inputs(), t, batch),
                read(spec().states(), values.states(), t, batch), params(), noise(), t);
        for (int o = 0; o < outputs.length; o++) {
            write(spec().outputs().get(o), outputs[o], t, s.outputs().get(cell.outputs().get(o).name()));
        }
        for (int k = 0; k < values.states().length; k++) {
            write(spec().states().get(k), values.states()[k], t + 1, s.nextStates().get(cell.states().get(k).name()));
        }
    }

    @Override
    protected void runBackward(int steps, int batch, double[] carry) {
        List<Map<String, Mat>> inputs = new ArrayList<>(steps);
        List<Map<String, Mat>> stepSeeds = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            inputs.add(read(spec().inputs(), values.inputs(), t, batch));
            stepSeeds.add(read(spec().seeds(), seeds, t, batch));
        }
        // The base class has written the final-state seeds (or zeros) into block `steps` of the state adjoints.
        Map<String, Mat> finalStateSeeds = read(spec().states(), gradients.states(), steps, batch);
        Bptt.Gradients g = Bptt.run(adjoint, inputs, read(spec().states(), values.states(), 0, batch), params(),
                stepSeeds, finalStateSeeds, carry, noise()).gradients();
        for (int p = 0; p < values.params().length; p++) {
            write(spec().params().get(p), gradients.params()[p], 0, g.params().get(spec().params().get(p).name()));
        }
        for (int s = 0; s < values.states().length; s++) {
            KernelSpec.Slot slot = spec().states().get(s);
            write(slot, gradients.states()[s], 0, g.initialStates().get(slot.name()));
        }
        for (int i = 0; i < values.inputs().length; i++) {
            for (int t = 0; gradients.inputs()[i] != null && t < steps; t++) {
                KernelSpec.Slot slot = spec().inputs().get(i);
                write(slot, gradients.inputs()[i], t, g.inputs().get(t).get(slot.name()));
            }
        }
    }

    /** The randomness the base class holds, as the interpreter takes it. */
    private Noise noise() {
        return new Noise(noiseKey(), noiseFirstRow(), training());
    }

    private Map<String, Mat> params() {
        return read(spec().params(), values.params(), 0, 1);
    }

    /** Block {@code block} of every slot's buffer as a matrix of {@code batch} rows (fixed rows for fixed slots). */
    private Map<String, Mat> read(List<KernelSpec.Slot> slots, double[][] buffers, int block, int batch) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            KernelSpec.Slot slot = slots.get(i);
            int from = block * slot.stride(spec().maxBatch());
            double[] d = Arrays.copyOfRange(buffers[i], from, from + slot.length(batch));
            out.put(slot.name(), Mat.of(slot.batched() ? batch : slot.rows(), slot.cols(), d));
        }
        return out;
    }

    private void write(KernelSpec.Slot slot, double[] buffer, int block, Mat value) {
        double[] d = value.data();
        System.arraycopy(d, 0, buffer, block * slot.stride(spec().maxBatch()), d.length);
    }
}
