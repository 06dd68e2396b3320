package dev.unroll.dsl.ir;

import java.util.Locale;

/**
 * The closed set of operations a graph is built from.
 *
 * <p>Every op has exactly one row in each table keyed by this enum (shape rule, gradient rule, interpreter rule,
 * emitter), and tests walk {@code Op.values()} to find gaps. Composite operations (affine layers, gates, losses)
 * are built from these primitives. Arity {@link #VARIADIC} means one or more inputs.
 */
public enum Op {
    /** A named per-step input {@code [B×n]} (leaf). */
    INPUT(0),
    /** The previous value of a named recurrent state {@code [B×n]} (leaf). */
    STATE(0),
    /** A named trainable parameter {@code [r×c]} or bias row {@code [1×c]} (leaf). */
    PARAM(0),
    /** A scalar constant, broadcast to the node's shape (leaf; the value is {@link Attrs#scalar()}). */
    CONST(0),

    /** Matrix product {@code a · b}: {@code [r×k]·[k×n] → [r×n]}; {@code b} is never batched. */
    MATMUL(2),
    /** Product with the right operand transposed, {@code a · bᵀ}: {@code [r×n]·[k×n]ᵀ → [r×k]}. */
    MATMUL_NT(2),
    /** Product with the left operand transposed, {@code aᵀ · b}: {@code [r×k]ᵀ·[r×n] → [k×n]}; contracts rows. */
    MATMUL_TN(2),

    /** Elementwise sum of two values of one shape. */
    ADD(2),
    /** Elementwise difference. */
    SUB(2),
    /** Elementwise (Hadamard) product. */
    MUL(2),
    /** Elementwise quotient. */
    DIV(2),
    /**
     * {@code m > 0 ? a : b}, element by element, for {@code (m, a, b)} of one shape: a true choice (the value not
     * chosen never reaches the result), how a masked scan keeps a finished row's state; {@code m} gets no gradient.
     */
    SELECT(3),
    /** Adds a bias row {@code [1×n]} to every row of {@code [r×n]}. */
    ADD_BIAS(2),

    /** Elementwise negation. */
    NEG(1),
    /** Multiplication by the constant {@link Attrs#scalar()}. */
    SCALE(1),
    /** Hyperbolic tangent. */
    TANH(1),
    /** Logistic sigmoid {@code 1 / (1 + e^-x)}. */
    SIGMOID(1),
    /** Rectified linear unit {@code max(0, x)}. */
    RELU(1),
    /** Heaviside step {@code x > 0 ? 1 : 0} (the derivative of relu; its own gradient is zero). */
    STEP(1),
    /** Natural exponential. */
    EXP(1),
    /** Natural logarithm. */
    LOG(1),
    /** Square root (IEEE, correctly rounded); its gradient {@code 1 / (2·sqrt x)} is infinite at 0. */
    SQRT(1),
    /** Identity in the forward pass that stops gradients (a detached value). */
    DETACH(1),
    /**
     * Inverted dropout of a batched value (attributes {@link Attrs#noise}): in training each unit is zeroed with
     * probability {@code p} and the others scaled by {@code 1/(1 − p)}, by a mask drawn from the run's key, the
     * site and the step; in evaluation the identity. Its gradient is the same dropout of the adjoint.
     */
    DROPOUT(1),
    /**
     * Zoneout {@code (previous, next)} of a batched value (attributes {@link Attrs#noise}): in training each unit
     * keeps {@code previous} with probability {@code p} and takes {@code next} otherwise, by a drawn mask; in
     * evaluation the expectation {@code p·previous + (1 − p)·next}.
     */
    ZONEOUT(2),

    /** Concatenation along features of one or more values with the same rows. */
    CONCAT(-1), // VARIADIC
    /** Columns {@code [offset, offset + size)} of a value. */
    SLICE(1),
    /** Places a value at column {@code offset} of a zero value {@code size} columns wide (the adjoint of slice). */
    PAD(1),

    /** Sum over rows: {@code [r×n] → [1×n]}. */
    SUM_ROWS(1),
    /** Sum over features: {@code [r×n] → [r×1]}. */
    SUM_COLS(1),
    /** Mean over rows: {@code [r×n] → [1×n]}. */
    MEAN_ROWS(1),
    /** Mean over features: {@code [r×n] → [r×1]}. */
    MEAN_COLS(1),
    /** Repeats a row {@code [1×n]} to {@code size} rows ({@link Shape#BATCH} for the batch); adjoint of sum-rows. */
    BROADCAST_ROWS(1),
    /** Repeats a row to {@code size} rows divided by the row count (the adjoint of mean-rows). */
    SPREAD_ROWS(1),
    /** Repeats a column {@code [r×1]} to {@code size} columns (the adjoint of sum-cols). */
    BROADCAST_COLS(1),

    /** Row-wise softmax. */
    SOFTMAX(1),
    /** One-hot rows {@code [r×size]} from integer class indices {@code [r×1]}. */
    ONE_HOT(1),
    /** Row-wise softmax cross-entropy of logits {@code [r×V]} against integer targets {@code [r×1]}: {@code [r×1]}. */
    SOFTMAX_CE(2);

    /** The arity of ops that take one or more inputs. */
    public static final int VARIADIC = -1;

    private final int arity;

    Op(int arity) {
        this.arity = arity;
    }

    /** The number of inputs, or {@link #VARIADIC}. */
    public int arity() {
        return arity;
    }

    /** Whether the op takes {@code count} inputs. */
    public boolean takes(int count) {
        return arity == VARIADIC ? count > 0 : count == arity;
    }

    /** How many inputs the op takes, for messages: {@code 1 input}, {@code 2 inputs} or {@code one or more inputs}. */
    public String arityText() {
        return arity == VARIADIC ? "one or more inputs" : arity == 1 ? "1 input" : arity + " inputs";
    }

    /** Whether the op is a leaf (takes no inputs and is bound by name or attribute). */
    public boolean isLeaf() {
        return arity == 0;
    }

    /** The lower-case mnemonic used in listings, for example {@code matmul_nt}. */
    public String mnemonic() {
        return name().toLowerCase(Locale.ROOT);
    }
}
