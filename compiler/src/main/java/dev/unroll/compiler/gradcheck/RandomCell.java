package dev.unroll.compiler.gradcheck;

import dev.unroll.check.Choices;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.CellBuilder;
import dev.unroll.dsl.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Declares a random valid cell through the public DSL, replaying choices drawn from the check engine: inputs and
 * states, then a random sequence of operations over the values defined so far, then each state's next value
 * ({@code tanh} of an affine map of some value) and one or two outputs.
 *
 * <p>Every choice is ordered so that smaller means simpler: fewer inputs, states and operations, the earlier
 * (simpler) operation kinds, the most recent operands and narrower widths. Every operation consumes exactly
 * {@value #CHOICES_PER_OPERATION} choices (its code, its operand and two extras, padded when unused), so the engine's
 * shrinker deletes an operation with one chunk deletion and can change its kind without shifting the choices of
 * the operations after it: a shrunk counterexample is a small cell.
 *
 * <p>Every value keeps a bound on its magnitude (parameters are assumed within ±1), and a value whose bound exceeds
 * {@value #LIMIT} is scaled back to 1, so random cells stay in the range where finite differences are accurate.
 */
final class RandomCell {

    /** The widest value a random cell makes. */
    static final int MAX_FEATURES = 6;

    private static final double LIMIT = 4.0;
    private static final int CHOICES_PER_OPERATION = 4;
    private static final int EXTRAS = CHOICES_PER_OPERATION - 2;
    private static final double[] SCALES = {0.5, -1.5, 2.0};

    /** The operation kinds, simplest first. */
    private enum Kind {
        TANH, SIGMOID, MATMUL, ADD, SUB, MUL, ADD_BIAS, NEG, SCALE, RELU, EXP_OF_TANH, LOG_OF_SIGMOID,
        DIV_BY_EXP_OF_TANH, CONCAT, SLICE, REDUCE_COLS, SOFTMAX, ONE_MINUS, CENTER_ROWS, SQRT_OF_EXP_OF_TANH,
        DROPOUT, LOCKED_DROPOUT, ZONEOUT
    }

    /** The probabilities random dropout and zoneout draw from. */
    private static final double[] PROBABILITIES = {0.25, 0.5};

    private final Choices c;
    private final CellBuilder b;
    private final List<Value> pool = new ArrayList<>();
    private final List<Double> bounds = new ArrayList<>();
    private int params;
    private int extrasDrawn;
    private int sites;

    private RandomCell(Choices c, CellBuilder b) {
        this.c = c;
        this.b = b;
    }

    /** A random cell with at most {@code maxOps} operations (besides the state updates). */
    static Cell define(Choices c, int maxOps) {
        return Cell.define("random", b -> new RandomCell(c, b).body(maxOps));
    }

    private void body(int maxOps) {
        int inputs = 1 + draw(1);
        for (int i = 0; i < inputs; i++) {
            add(b.input("x" + i, 1 + draw(3)), 1.0);
        }
        List<Value> states = new ArrayList<>();
        int count = 1 + draw(1);
        for (int i = 0; i < count; i++) {
            states.add(b.state("h" + i, 1 + draw(3)));
            add(states.get(i), 1.0);
        }
        // Each operation starts with a code: 0 ends the list (so zeroing a code cuts the rest, as in Gens.lists),
        // 1..n picks a kind, and n + 1 ends it too, which makes about one code in ten a stop.
        int kinds = Kind.values().length;
        for (int k = 0; k < maxOps; k++) {
            int code = draw(kinds + 1);
            if (code == 0 || code > kinds) {
                break;
            }
            extrasDrawn = 0;
            operation(Kind.values()[code - 1]);
            while (extrasDrawn < EXTRAS) {
                extra(0);
            }
        }
        for (Value h : states) {
            Value src = pick();
            b.next(h, src.matmul(weight(src.shape().cols(), h.shape().cols())).addBias(bias(h.shape().cols())).tanh());
        }
        b.output("y", pick());
        if (draw(1) == 1) {
            b.output("z", pick());
        }
    }

    private void operation(Kind kind) {
        int index = recent();
        Value v = pool.get(index);
        double bv = bounds.get(index);
        int n = v.shape().cols();
        switch (kind) {
            case TANH -> add(v.tanh(), 1.0);
            case SIGMOID -> add(v.sigmoid(), 1.0);
            case MATMUL -> add(v.matmul(weight(n, 1 + extra(3))), n * bv);
            case ADD -> {
                int j = partner(v);
                add(v.add(pool.get(j)), bv + bounds.get(j));
            }
            case SUB -> {
                int j = partner(v);
                add(v.sub(pool.get(j)), bv + bounds.get(j));
            }
            case MUL -> {
                int j = partner(v);
                add(v.mul(pool.get(j)), bv * bounds.get(j));
            }
            case ADD_BIAS -> add(v.addBias(bias(n)), bv + 1);
            case NEG -> add(v.neg(), bv);
            case SCALE -> {
                double k = SCALES[extra(SCALES.length - 1)];
                add(v.scale(k), Math.abs(k) * bv);
            }
            case RELU -> add(v.relu(), bv);
            case EXP_OF_TANH -> add(v.tanh().exp(), Math.E);
            case LOG_OF_SIGMOID -> add(v.sigmoid().log(), bv + 1);
            case SQRT_OF_EXP_OF_TANH -> add(v.tanh().exp().sqrt(), Math.sqrt(Math.E)); // of [1/e, e]
            case DIV_BY_EXP_OF_TANH -> add(v.div(pool.get(partner(v)).tanh().exp()), bv * Math.E); // by [1/e, e]
            case CONCAT -> concat(v, bv);
            case SLICE -> {
                int from = extra(n - 1);
                add(v.slice(from, from + 1 + extra(n - 1 - from)), bv);
            }
            case REDUCE_COLS -> reduceCols(v, bv);
            case SOFTMAX -> add(v.softmax(), 1.0);
            case ONE_MINUS -> add(v.oneMinus(), 1 + bv);
            case CENTER_ROWS -> add(extra(1) == 0 ? v.addBias(v.meanRows().neg()) : v.sub(v.meanRows().broadcast()),
                    2 * bv);
            case DROPOUT -> add(v.dropout(PROBABILITIES[extra(1)], sites++), 2 * bv);
            case LOCKED_DROPOUT -> add(v.lockedDropout(PROBABILITIES[extra(1)], sites++), 2 * bv);
            case ZONEOUT -> {
                int j = partner(v);
                add(v.zoneout(pool.get(j), PROBABILITIES[extra(1)], sites++), Math.max(bv, bounds.get(j)));
            }
        }
    }

    /** The index of a value of {@code v}'s width (possibly {@code v} itself), the second operand of a binary op. */
    private int partner(Value v) {
        List<Integer> same = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (pool.get(i).shape().equals(v.shape())) {
                same.add(i);
            }
        }
        return same.get(extra(same.size() - 1));
    }

    private void concat(Value v, double bv) {
        List<Integer> fitting = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (v.shape().cols() + pool.get(i).shape().cols() <= MAX_FEATURES) {
                fitting.add(i);
            }
        }
        if (fitting.isEmpty()) {
            add(v.tanh(), 1.0);
            return;
        }
        int j = fitting.get(extra(fitting.size() - 1));
        add(v.concat(pool.get(j)), Math.max(bv, bounds.get(j)));
    }

    /** A row sum or mean, repeated back to a feature width by concatenation. */
    private void reduceCols(Value v, double bv) {
        boolean mean = extra(1) == 1;
        Value s = mean ? v.meanCols() : v.sumCols();
        int copies = extra(3);
        Value[] more = new Value[copies];
        Arrays.fill(more, s);
        add(copies == 0 ? s : s.concat(more), mean ? bv : v.shape().cols() * bv);
    }

    private void add(Value v, double bound) {
        if (bound > LIMIT) {
            pool.add(v.scale(1.0 / bound));
            bounds.add(1.0);
        } else {
            pool.add(v);
            bounds.add(bound);
        }
    }

    /** A value, the most recent first, so that operations tend to chain and most of them stay live. */
    private Value pick() {
        return pool.get(recent());
    }

    private int recent() {
        return pool.size() - 1 - draw(pool.size() - 1);
    }

    private Value weight(int rows, int cols) {
        return b.weight("W" + params++, rows, cols);
    }

    private Value bias(int cols) {
        return b.bias("b" + params++, cols);
    }

    /** One of an operation's extra choices (partner, width, factor, range), counted so unused ones are padded. */
    private int extra(int maxInclusive) {
        extrasDrawn++;
        return draw(maxInclusive);
    }

    private int draw(int maxInclusive) {
        return (int) c.draw(maxInclusive);
    }
}
