package dev.unroll.compiler.autodiff;

import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * For every non-leaf op, a tiny cell {@code y = op(…)} built directly on the IR (so that ops the DSL does not
 * expose are covered too) and two steps of data of batch 2 in the op's domain (positive for log and division,
 * away from 0 for relu and step, integers for class indices), with a target for a mean-squared-error loss on
 * {@code y}.
 *
 * @param op the op under test
 * @param cell the cell, with inputs {@code a}, {@code b} and parameter {@code w} as the op needs, output {@code y}
 * @param data two steps of data
 * @param absent the operands whose gradient is absent by definition
 * @param classIndices the inputs holding class indices, which are not differentiable at all
 */
public record OpCases(Op op, Cell cell, SequenceData data, Set<String> absent, Set<String> classIndices) {

    static final int BATCH = 2;
    private static final int STEPS = 2;

    /** The key of the masks of the random ops' cases. */
    static final long KEY = 0x5EEDL;

    /** The case of {@code op}, or empty for a leaf. */
    public static Optional<OpCases> of(Op op) {
        return Optional.ofNullable(build(op));
    }

    private static OpCases build(Op op) {
        Builder c = new Builder(op);
        return switch (op) {
            case INPUT, STATE, PARAM, CONST -> null;
            case MATMUL -> c.y(Attrs.NONE, c.input("a", 3, Domain.ANY), c.param("w", 3, 2)).done();
            case MATMUL_NT -> c.y(Attrs.NONE, c.input("a", 3, Domain.ANY), c.param("w", 2, 3)).done();
            case MATMUL_TN -> c.y(Attrs.NONE, c.input("a", 3, Domain.ANY), c.input("b", 2, Domain.ANY)).done();
            case ADD, SUB, MUL -> c.y(Attrs.NONE, c.input("a", 3, Domain.ANY), c.input("b", 3, Domain.ANY)).done();
            case DIV -> c.y(Attrs.NONE, c.input("a", 3, Domain.ANY), c.input("b", 3, Domain.POSITIVE)).done();
            case SELECT -> c.y(Attrs.NONE, c.input("m", 3, Domain.AWAY_FROM_ZERO), c.input("a", 3, Domain.ANY),
                    c.input("b", 3, Domain.ANY)).absent("m").done();
            case ADD_BIAS -> c.y(Attrs.NONE, c.input("a", 3, Domain.ANY), c.param("w", 1, 3)).done();
            case NEG, TANH, SIGMOID, EXP -> c.y(Attrs.NONE, c.input("a", 3, Domain.ANY)).done();
            case SCALE -> c.y(Attrs.scalar(-1.7), c.input("a", 3, Domain.ANY)).done();
            case RELU -> c.y(Attrs.NONE, c.input("a", 3, Domain.AWAY_FROM_ZERO)).done();
            case STEP, DETACH -> c.y(Attrs.NONE, c.input("a", 3, Domain.AWAY_FROM_ZERO)).absent("a").done();
            case LOG, SQRT -> c.y(Attrs.NONE, c.input("a", 3, Domain.POSITIVE)).done();
            case CONCAT -> c.concat();
            case SLICE -> c.y(Attrs.range(1, 2), c.input("a", 4, Domain.ANY)).done();
            case PAD -> c.y(Attrs.range(1, 4), c.input("a", 2, Domain.ANY)).done();
            case SUM_ROWS, SUM_COLS, MEAN_ROWS, MEAN_COLS, SOFTMAX ->
                    c.y(Attrs.NONE, c.input("a", 4, Domain.ANY)).done();
            case BROADCAST_ROWS, SPREAD_ROWS -> c.y(Attrs.size(Shape.BATCH), c.param("w", 1, 3)).done();
            case BROADCAST_COLS -> c.y(Attrs.size(3), c.input("a", 1, Domain.ANY)).done();
            case ONE_HOT -> c.y(Attrs.size(4), c.input("a", 1, Domain.CLASS_OF_4)).absent("a").done();
            case SOFTMAX_CE -> c.y(Attrs.NONE, c.input("a", 4, Domain.ANY), c.input("b", 1, Domain.CLASS_OF_4))
                    .absent("b").done();
            case DROPOUT -> c.y(Attrs.noise(0.4, 3, Attrs.RUNNING_STEP), c.input("a", 3, Domain.ANY)).training()
                    .done();
            case ZONEOUT -> c.y(Attrs.noise(0.4, 5, Attrs.RUNNING_STEP), c.input("a", 3, Domain.ANY),
                    c.input("b", 3, Domain.ANY)).training().done();
        };
    }

    /** Where an input's values lie. */
    private enum Domain { ANY, POSITIVE, AWAY_FROM_ZERO, CLASS_OF_4 }

    /** Assembles one case: leaves, the op node, the output and the data. */
    private static final class Builder {
        private final Op op;
        private final GraphBuilder g = new GraphBuilder();
        private final Random rng;
        private final List<Cell.Port> inputs = new ArrayList<>();
        private final List<Cell.Param> params = new ArrayList<>();
        private final List<Map<String, Mat>> steps = new ArrayList<>();
        private final Map<String, Mat> paramValues = new LinkedHashMap<>();
        private final Set<String> absent = new TreeSet<>();
        private final Set<String> classes = new TreeSet<>();
        private int y = -1;
        private Noise noise = Noise.EVALUATION;

        Builder(Op op) {
            this.op = op;
            this.rng = new Random(op.ordinal() + 1);
            for (int t = 0; t < STEPS; t++) {
                steps.add(new LinkedHashMap<>());
            }
        }

        int input(String name, int cols, Domain domain) {
            int id = g.leaf(Op.INPUT, Shape.batch(cols), Attrs.NONE, name, SourceLocation.UNKNOWN);
            inputs.add(new Cell.Port(name, id, g.shape(id)));
            for (Map<String, Mat> step : steps) {
                step.put(name, values(BATCH, cols, domain));
            }
            if (domain == Domain.CLASS_OF_4) {
                classes.add(name);
            }
            return id;
        }

        int param(String name, int rows, int cols) {
            int id = g.leaf(Op.PARAM, Shape.of(rows, cols), Attrs.NONE, name, SourceLocation.UNKNOWN);
            params.add(new Cell.Param(name, id, Shape.of(rows, cols), Init.zeros()));
            paramValues.put(name, values(rows, cols, Domain.ANY));
            return id;
        }

        Builder y(Attrs attrs, Integer... operands) {
            y = g.apply(op, List.of(operands), attrs, null, SourceLocation.UNKNOWN);
            return this;
        }

        /** Runs the case in training mode, with masks fixed by a key of its own. */
        Builder training() {
            noise = Noise.training(KEY);
            return this;
        }

        Builder absent(String name) {
            absent.add(name);
            return this;
        }

        /** {@code concat(a, b, a)}: the repeated operand checks that contributions accumulate. */
        OpCases concat() {
            int a = input("a", 2, Domain.ANY);
            int b = input("b", 1, Domain.ANY);
            return y(Attrs.NONE, a, b, a).done();
        }

        OpCases done() {
            Shape out = g.shape(y);
            for (Map<String, Mat> step : steps) {
                step.put(LossCell.targetName("y"), values(out.rowsFor(BATCH), out.cols(), Domain.ANY));
            }
            Cell cell = new Cell("op_" + op.mnemonic(), g.build(), inputs, List.of(), params,
                    List.of(new Cell.Port("y", y, g.shape(y))), SourceLocation.UNKNOWN);
            return new OpCases(op, cell, new SequenceData(steps, Map.of(), paramValues, noise), Set.copyOf(absent),
                    Set.copyOf(classes));
        }

        private Mat values(int rows, int cols, Domain domain) {
            double[] d = new double[rows * cols];
            for (int i = 0; i < d.length; i++) {
                double u = rng.nextDouble();
                d[i] = switch (domain) {
                    case ANY -> 2 * u - 1;
                    case POSITIVE -> 0.5 + u;
                    case AWAY_FROM_ZERO -> (0.2 + 0.8 * u) * (rng.nextBoolean() ? 1 : -1);
                    case CLASS_OF_4 -> Math.floor(4 * u);
                };
            }
            return Mat.of(rows, cols, d);
        }
    }
}
