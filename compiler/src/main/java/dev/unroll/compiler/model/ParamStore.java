package dev.unroll.compiler.model;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.ParamInit;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;

/**
 * The values of every learned array of a program, by typed reference, in the program's order, each a row-major
 * array of its shape. One store holds a model's parameters (or their gradients, or an optimizer's moments) for
 * initialization, execution, clipping, optimizers and files alike. Values are kept in double precision: kernels of
 * either dtype round them when they are set, so a float32 model trains on double master weights.
 *
 * <p>The arrays are live: readers and optimizers change them in place, and nothing here allocates after
 * construction. Not thread-safe.
 */
public final class ParamStore {

    private final List<Program.Parameter> parameters;
    private final Map<ParamRef, Integer> positions;
    private final List<String> names;
    private final double[][] values;

    private ParamStore(List<Program.Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.positions = new HashMap<>();
        this.values = new double[this.parameters.size()][];
        for (int i = 0; i < values.length; i++) {
            Program.Parameter p = this.parameters.get(i);
            if (positions.put(p.ref(), i) != null) {
                throw new UnrollException("internal: the program lists parameter '" + p.ref() + "' twice; every"
                        + " learned array needs its own reference");
            }
            values[i] = new double[p.shape().rows() * p.shape().cols()];
        }
        this.names = this.parameters.stream().map(p -> p.ref().text()).toList();
    }

    /** A store of zeros for every learned array of {@code program}. */
    public static ParamStore zeros(Program program) {
        Require.notNull(program, "ParamStore.zeros", "program");
        return new ParamStore(program.parameters());
    }

    /** Every learned array of {@code program} drawn from its initializer, in order, from one seeded generator. */
    public static ParamStore initialize(Program program, long seed) {
        ParamStore store = zeros(program);
        Well19937c rng = new Well19937c(seed);
        for (int i = 0; i < store.size(); i++) {
            Program.Parameter p = store.parameter(i);
            double[] drawn = ParamInit.draw(p.shape(), p.init(), rng).data();
            System.arraycopy(drawn, 0, store.values[i], 0, drawn.length);
        }
        return store;
    }

    /**
     * The store of {@code program} holding {@code mats}, matrices keyed by reference text as {@link #mats()} gives
     * them (from {@code source}, for messages); a missing or misshapen matrix is rejected.
     */
    public static ParamStore of(Program program, Map<String, Mat> mats, String source) {
        Require.notNull(mats, "ParamStore.of", "mats");
        ParamStore store = zeros(program);
        for (int i = 0; i < store.size(); i++) {
            Mat m = mats.get(store.ref(i).text());
            if (m == null) {
                throw new UnrollException(source + " has no value for learned array '" + store.ref(i) + "'; give"
                        + " every array of " + store.names());
            }
            store.set(store.ref(i), new int[] {m.rows(), m.cols()}, m.data(), source);
        }
        return store;
    }

    /** A store of zeros laid out like this one (for gradients or optimizer moments). */
    public ParamStore zerosLike() {
        return new ParamStore(parameters);
    }

    /** An independent copy of this store. */
    public ParamStore copy() {
        ParamStore out = zerosLike();
        out.copyFrom(this);
        return out;
    }

    /** The number of learned arrays. */
    public int size() {
        return values.length;
    }

    /** The learned arrays, in order. */
    public List<Program.Parameter> parameters() {
        return parameters;
    }

    /** The {@code i}-th learned array. */
    public Program.Parameter parameter(int i) {
        return parameters.get(i);
    }

    /** The reference of the {@code i}-th learned array. */
    public ParamRef ref(int i) {
        return parameters.get(i).ref();
    }

    /** The position of {@code ref}; an unknown reference is an error naming the store's references. */
    public int position(ParamRef ref) {
        Integer at = positions.get(ref);
        if (at == null) {
            throw new UnrollException("no learned array '" + ref + "' in this model; its learned arrays are "
                    + parameters.stream().map(p -> p.ref().text()).toList());
        }
        return at;
    }

    /** Whether {@code ref} is one of this store's learned arrays. */
    public boolean contains(ParamRef ref) {
        return positions.containsKey(ref);
    }

    /** The text of every reference, in order (for messages, optimizer state and files). */
    public List<String> names() {
        return names;
    }

    /**
     * The live arrays in order, for loops over the whole model (clipping, optimizer steps) that must not allocate;
     * write into them, never replace them.
     */
    public double[][] arrays() {
        return values;
    }

    /** The live values of the {@code i}-th learned array ({@code rows·cols}, row-major). */
    public double[] values(int i) {
        return values[i];
    }

    /** The live values of {@code ref}. */
    public double[] values(ParamRef ref) {
        return values[position(ref)];
    }

    /** The values of {@code ref} as a matrix (a copy), for the reference interpreter. */
    public Mat mat(ParamRef ref) {
        Shape shape = parameters.get(position(ref)).shape();
        return Mat.of(shape.rows(), shape.cols(), values(ref).clone());
    }

    /**
     * Copies {@code given}, which claims the shape {@code {rows, cols}}, into the array of {@code ref}; a shape or
     * length that differs from the model's is rejected, naming both and {@code source}.
     */
    public void set(ParamRef ref, int[] shape, double[] given, String source) {
        Require.notNull(shape, "ParamStore.set", "shape");
        Require.notNull(given, "ParamStore.set", "values");
        Shape expected = parameters.get(position(ref)).shape();
        boolean fits = shape.length == 2 && shape[0] == expected.rows() && shape[1] == expected.cols();
        if (!fits || given.length != expected.rows() * expected.cols()) {
            throw new UnrollException("learned array '" + ref + "' has shape " + expected + " in the model, but "
                    + source + " gives shape " + java.util.Arrays.toString(shape) + " with " + given.length
                    + " values; use values saved for this model");
        }
        System.arraycopy(given, 0, values(ref), 0, given.length);
    }

    /** Every learned array as a matrix (a copy) keyed by its reference's text, for the reference interpreter. */
    public Map<String, Mat> mats() {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Program.Parameter p : parameters) {
            out.put(p.ref().text(), mat(p.ref()));
        }
        return out;
    }

    /** The shape {@code {rows, cols}} of the {@code i}-th learned array, as saved in files. */
    public int[] fileShape(int i) {
        Shape s = parameters.get(i).shape();
        return new int[] {s.rows(), s.cols()};
    }

    /** Copies every value of {@code other}, which must be laid out like this store. */
    public void copyFrom(ParamStore other) {
        requireSameLayout(other, "ParamStore.copyFrom");
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(other.values[i], 0, values[i], 0, values[i].length);
        }
    }

    /** Throws unless {@code other} holds the same learned arrays in the same order. */
    public void requireSameLayout(ParamStore other, String where) {
        Require.notNull(other, where, "store");
        if (other != this) {
            other.requireLayout(parameters, where);
        }
    }

    /**
     * Throws unless this store holds exactly {@code expected}, in order. An indexed comparison: the check runs every
     * training step, and must not allocate.
     */
    public void requireLayout(List<Program.Parameter> expected, String where) {
        boolean same = expected.size() == parameters.size();
        for (int i = 0; same && i < parameters.size(); i++) {
            same = expected.get(i).equals(parameters.get(i));
        }
        if (!same) {
            throw new UnrollException(where + ": the store holds the learned arrays " + names + ", but "
                    + expected.stream().map(p -> p.ref().text()).toList() + " are needed; use a store of the same"
                    + " program (ParamStore.zeros or ParamStore.initialize)");
        }
    }

    @Override
    public String toString() {
        return "ParamStore" + parameters.stream().map(p -> p.ref() + " " + p.shape()).toList();
    }
}
