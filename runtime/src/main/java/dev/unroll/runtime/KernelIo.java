package dev.unroll.runtime;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Kernel;
import dev.unroll.kernels.KernelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Moves {@link Mat} values, bound by name, into and out of a {@link Kernel}'s slots. */
final class KernelIo {

    private final Kernel kernel;
    private final KernelSpec spec;

    KernelIo(Kernel kernel) {
        this.kernel = kernel;
        this.spec = kernel.spec();
    }

    /** The batch size of a run with these initial states and first-step inputs: the rows of any batched value. */
    int batchOf(Map<String, Mat> initialStates, Map<String, Mat> firstInputs) {
        if (!spec.states().isEmpty()) {
            return require(initialStates, spec.states().get(0), "initial state").rows();
        }
        if (!spec.inputs().isEmpty()) {
            return require(firstInputs, spec.inputs().get(0), "input").rows();
        }
        return 1;
    }

    void setParameters(Map<String, Mat> params) {
        for (int p = 0; p < spec.params().size(); p++) {
            kernel.setParameter(p, require(params, spec.params().get(p), "parameter").data());
        }
    }

    void setInitialStates(Map<String, Mat> states) {
        for (int s = 0; s < spec.states().size(); s++) {
            kernel.setInitialState(s, require(states, spec.states().get(s), "initial state").data());
        }
    }

    void setInputs(int step, Map<String, Mat> inputs) {
        for (int i = 0; i < spec.inputs().size(); i++) {
            kernel.setInput(i, step, require(inputs, spec.inputs().get(i), "input at step " + step).data());
        }
    }

    void setSeeds(int step, Map<String, Mat> seeds) {
        for (int k = 0; k < spec.seeds().size(); k++) {
            kernel.setOutputSeed(k, step, require(seeds, spec.seeds().get(k), "seed at step " + step).data());
        }
    }

    Map<String, Mat> outputs(int step, int batch) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (int o = 0; o < spec.outputs().size(); o++) {
            KernelSpec.Slot slot = spec.outputs().get(o);
            double[] values = new double[slot.length(batch)];
            kernel.getOutput(o, step, values);
            out.put(slot.name(), mat(slot, batch, values));
        }
        return out;
    }

    Map<String, Mat> finalStates(int batch) {
        return read(spec.states(), batch, kernel::getFinalState);
    }

    Map<String, Mat> parameterGradients() {
        return read(spec.params(), 1, kernel::getParameterGradient);
    }

    Map<String, Mat> initialStateGradients(int batch) {
        return read(spec.states(), batch, kernel::getInitialStateGradient);
    }

    /** The gradients of the inputs that receive one, at {@code step}. */
    Map<String, Mat> inputGradients(int step, int batch) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (int i = 0; i < spec.inputs().size(); i++) {
            KernelSpec.Slot slot = spec.inputs().get(i);
            if (spec.inputsWithGradient().contains(slot.name())) {
                double[] values = new double[slot.length(batch)];
                kernel.getInputGradient(i, step, values);
                out.put(slot.name(), mat(slot, batch, values));
            }
        }
        return out;
    }

    private interface Getter {
        void get(int index, double[] out);
    }

    private static Map<String, Mat> read(List<KernelSpec.Slot> slots, int batch, Getter getter) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) {
            double[] values = new double[slots.get(i).length(batch)];
            getter.get(i, values);
            out.put(slots.get(i).name(), mat(slots.get(i), batch, values));
        }
        return out;
    }

    private static Mat mat(KernelSpec.Slot slot, int batch, double[] values) {
        return Mat.of(slot.batched() ? batch : slot.rows(), slot.cols(), values);
    }

    private Mat require(Map<String, Mat> values, KernelSpec.Slot slot, String kind) {
        Mat m = values.get(slot.name());
        if (m == null) {
            throw new UnrollException("no value bound for " + kind + " '" + slot.name() + "' " + slot.shapeText()
                    + " of cell '" + spec.cell() + "'; bind it by name; bound names are " + values.keySet());
        }
        if (m.cols() != slot.cols() || (!slot.batched() && m.rows() != slot.rows())) {
            throw new UnrollException(kind + " '" + slot.name() + "' must be " + slot.shapeText() + ", got " + m.rows()
                    + "×" + m.cols());
        }
        return m;
    }
}
