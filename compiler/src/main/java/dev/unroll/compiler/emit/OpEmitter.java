package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.kernels.RandomMasks;

/**
 * The emitter row of every op: the Java code computing one node's value from its inputs' values, with exactly the
 * arithmetic of the interpreter's rule ({@code OpSemantics}). One exhaustive switch; a test walks
 * {@code Op.values()}.
 */
final class OpEmitter {

    /**
     * The fewest columns for which a product by one-hot rows runs as a gather or scatter of rows: each row then costs
     * a scan of its classes and a short vector loop, which beats the dense product's multiply-adds only for wide
     * rows. Measured on the LSTM language model (vocabulary 28): the step is 4 % faster at H = 256 (rows of 256), 8 %
     * slower at H = 32 (rows of 32).
     */
    static final int SPARSE_MIN_COLUMNS = 128;

    private OpEmitter() {
    }

    /** The code of node {@code c.node()}; empty for leaves, which are bound or read as literals, never computed. */
    static CodeBlock body(NodeCode c) {
        Node n = c.node();
        Syntax s = c.syntax();
        return switch (n.op()) {
            case INPUT, STATE, PARAM, CONST -> CodeBlock.of("");
            case MATMUL -> gemm(c, "gemmNN", c.rows(c.in(0).shape()), c.in(0).cols(), c.in(1).cols());
            case MATMUL_NT -> gemm(c, "gemmNT", c.rows(c.in(0).shape()), c.in(0).cols(), c.in(1).shape().rows());
            case MATMUL_TN -> gemm(c, "gemmTN", CodeBlock.of("$L", c.in(0).cols()), c.rows(c.in(0).shape()),
                    c.in(1).cols());
            case ADD -> binary(c, "add", "addScalar", "addScalar");
            case SUB -> binary(c, "sub", "subFrom", "subScalar");
            case MUL -> binary(c, "mul", "scale", "scale");
            case DIV -> binary(c, "div", "scalarDiv", "divScalar");
            case SELECT -> select(c);
            case ADD_BIAS -> Movement.addBias(c);
            case NEG -> unary(c, "neg", CodeBlock.of(""));
            case SCALE -> unary(c, "scale", CodeBlock.of("$L, ", s.literal(n.attrs().scalar())));
            case TANH -> arrayMath(c, "tanh");
            case SIGMOID -> arrayMath(c, "sigmoid");
            case RELU -> arrayMath(c, "relu");
            case STEP -> arrayMath(c, "step");
            case EXP -> arrayMath(c, "exp");
            case LOG -> arrayMath(c, "log");
            case SQRT -> arrayMath(c, "sqrt");
            case DETACH -> CodeBlock.builder().addStatement("$T.arraycopy($N, $L, $N, $L, $L)", Types.SYSTEM,
                    c.in(0).array(), c.in(0).base(), c.out().array(), c.out().base(), c.elements(n.shape())).build();
            case CONCAT -> Movement.concat(c, 0);
            case SLICE -> Movement.slice(c);
            case PAD -> Movement.pad(c);
            case SUM_ROWS -> Reductions.sumRows(c, false);
            case MEAN_ROWS -> Reductions.sumRows(c, true);
            case SUM_COLS -> Reductions.sumCols(c, false);
            case MEAN_COLS -> Reductions.sumCols(c, true);
            case BROADCAST_ROWS -> Movement.broadcastRows(c, false);
            case SPREAD_ROWS -> Movement.broadcastRows(c, true);
            case BROADCAST_COLS -> Movement.broadcastCols(c);
            case SOFTMAX -> Reductions.softmax(c);
            case ONE_HOT -> Reductions.oneHot(c);
            case SOFTMAX_CE -> Reductions.softmaxCrossEntropy(c);
            case DROPOUT -> noise(c, "dropout", CodeBlock.of("$L", s.literal(1.0 / (1.0 - n.attrs().probability()))));
            case ZONEOUT -> noise(c, "zoneout", CodeBlock.of("$L, $L", s.literal(n.attrs().probability()),
                    s.literal(1.0 - n.attrs().probability())));
        };
    }

    /**
     * {@code RandomMasks.<routine>(operands, out, rows, cols, threshold, <factors>, stream, firstRow, training)}:
     * the stream of the node's site at the step being run ({@code t}) or at its fixed step, and the kernel's first
     * row and mode, which the base class holds.
     */
    private static CodeBlock noise(NodeCode c, String routine, CodeBlock factors) {
        Node n = c.node();
        CodeBlock.Builder operands = CodeBlock.builder();
        for (Operand in : c.in()) {
            operands.add("$N, $L, ", in.array(), in.base());
        }
        CodeBlock step = n.attrs().noiseStep() == Attrs.RUNNING_STEP ? CodeBlock.of("$N", c.names().step)
                : CodeBlock.of("$L", n.attrs().noiseStep());
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.$N($L$N, $L, $L, $L, $LL, $L, noiseStream($L, $L), noiseFirstRow(), training())",
                        Types.RANDOM_MASKS, routine, operands.build(), out.array(), out.base(), c.rows(n.shape()),
                        n.shape().cols(), RandomMasks.threshold(n.attrs().probability()), factors, n.attrs().site(),
                        step)
                .build();
    }

    /**
     * A {@code matmul_nt} whose second operand the caller replaced by its transposed copy ({@code Item.TransposedProduct}):
     * {@code a · (bᵀ)} as a product on rows.
     */
    static CodeBlock productWithTransposed(NodeCode c) {
        return gemm(c, "gemmNN", c.rows(c.in(0).shape()), c.in(0).cols(), c.out().cols());
    }

    /**
     * Whether node {@code n} is a product ({@code matmul} or {@code matmul_tn}) whose left operand is one-hot rows and
     * whose result has at least {@link #SPARSE_MIN_COLUMNS} columns, which {@link #productOfOneHot} computes as a
     * gather or scatter of rows.
     */
    static boolean readsOneHot(Graph graph, Node n) {
        return (n.op() == Op.MATMUL || n.op() == Op.MATMUL_TN) && graph.node(n.input(0)).op() == Op.ONE_HOT
                && graph.node(n.input(1)).shape().cols() >= SPARSE_MIN_COLUMNS;
    }

    /**
     * {@code SparseRows.nn} or {@code SparseRows.tn}: a product by one-hot rows visits the one nonzero of each row,
     * so the hoisted input projection copies rows of the weights and its gradient adds rows, instead of a dense
     * product with an inner dimension of the vocabulary's size.
     */
    static CodeBlock productOfOneHot(NodeCode c) {
        return c.node().op() == Op.MATMUL
                ? gemm(c, CodeBlock.of("$T.nn(", Types.SPARSE_ROWS), c.rows(c.in(0).shape()), c.in(0).cols(),
                        c.in(1).cols())
                : gemm(c, CodeBlock.of("$T.tn(", Types.SPARSE_ROWS), CodeBlock.of("$L", c.in(0).cols()),
                        c.rows(c.in(0).shape()), c.in(1).cols());
    }

    /** {@code TeamBlas.<routine>(team(), a, b, out, m, k, n)}: split by columns over the kernel's team if large. */
    private static CodeBlock gemm(NodeCode c, String routine, CodeBlock m, Object k, Object n) {
        return gemm(c, CodeBlock.of("$T.$N(team(), ", Types.TEAM_BLAS, routine), m, k, n);
    }

    /** {@code call} (a class's routine and its leading arguments) followed by {@code a, b, out, m, k, n)}. */
    private static CodeBlock gemm(NodeCode c, CodeBlock call, CodeBlock m, Object k, Object n) {
        Operand a = c.in(0);
        Operand b = c.in(1);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$L$N, $L, $N, $L, $N, $L, $L, $L, $L)", call, a.array(), a.base(), b.array(),
                        b.base(), out.array(), out.base(), m, k, n)
                .build();
    }

    /**
     * {@code ArrayMath.<function>(in, out, elements)}: one call per block, so the vector path can evaluate whole
     * vectors of a transcendental function where a scalar loop would call {@link Math} per element, or blend where
     * it would branch on the sign.
     */
    private static CodeBlock arrayMath(NodeCode c, String function) {
        Operand a = c.in(0);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.$N($N, $L, $N, $L, $L)", Types.ARRAY_MATH, function, a.array(), a.base(),
                        out.array(), out.base(), c.elements(out.shape()))
                .build();
    }

    /**
     * Whether node {@code n} reads its input {@code i}, a constant of {@code graph}, as a scalar: the elementwise
     * binary ops and the branches of {@code select} do, as long as their other operand (other branch) is not a
     * constant as well. Any other op, and the mask of {@code select}, reads a constant from its own scratch
     * ({@code add_bias} too: a constant is batched, so never the bias row, only the rows).
     */
    static boolean takesConstant(Graph graph, Node n, int i) {
        return switch (n.op()) {
            case ADD, SUB, MUL, DIV -> i == 1 || graph.node(n.input(1)).op() != Op.CONST;
            case SELECT -> i == 2 || i == 1 && graph.node(n.input(2)).op() != Op.CONST;
            case INPUT, STATE, PARAM, CONST, MATMUL, MATMUL_NT, MATMUL_TN, ADD_BIAS, NEG, SCALE, TANH, SIGMOID,
                    RELU, STEP, EXP, LOG, DETACH, CONCAT, SLICE, PAD, SUM_ROWS, MEAN_ROWS, SUM_COLS, MEAN_COLS,
                    BROADCAST_ROWS, SPREAD_ROWS, BROADCAST_COLS, SOFTMAX, ONE_HOT, SOFTMAX_CE, SQRT, DROPOUT,
                    ZONEOUT -> false;
        };
    }

    /**
     * {@code Elementwise.<operation>(a, b, out, elements)}: one vector loop per block ({@code Elementwise}); with a
     * constant first or second operand, the routine taking it as a scalar, which computes the same expression.
     */
    private static CodeBlock binary(NodeCode c, String operation, String constantFirst, String constantSecond) {
        if (c.in(0).isConstant()) {
            return withConstant(c, constantFirst, 0);
        }
        if (c.in(1).isConstant()) {
            return withConstant(c, constantSecond, 1);
        }
        Operand a = c.in(0);
        Operand b = c.in(1);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.$N($N, $L, $N, $L, $N, $L, $L)", Types.ELEMENTWISE, operation, a.array(), a.base(),
                        b.array(), b.base(), out.array(), out.base(), c.elements(out.shape()))
                .build();
    }

    /**
     * {@code Elementwise.select(m, a, b, out, elements)}: the blend, exact like the interpreter's branch; with a
     * constant branch, the routine taking it as a scalar, so no scratch is filled on every call.
     */
    private static CodeBlock select(NodeCode c) {
        Operand m = c.in(0);
        Operand a = c.in(1);
        Operand b = c.in(2);
        Operand out = c.out();
        CodeBlock first = branch(c, a);
        CodeBlock second = branch(c, b);
        String routine = b.isConstant() ? "selectScalar" : a.isConstant() ? "scalarSelect" : "select";
        return CodeBlock.builder()
                .addStatement("$T.$N($N, $L, $L, $L, $N, $L, $L)", Types.ELEMENTWISE, routine, m.array(), m.base(),
                        first, second, out.array(), out.base(), c.elements(out.shape()))
                .build();
    }

    /** A branch of {@code select} as its routine reads it: a literal if constant, else array and base. */
    private static CodeBlock branch(NodeCode c, Operand branch) {
        return branch.isConstant() ? CodeBlock.of("$L", c.syntax().literal(branch.value()))
                : CodeBlock.of("$N, $L", branch.array(), branch.base());
    }

    /** {@code Elementwise.<operation>(constant, other operand, out, elements)} for constant input {@code i}. */
    private static CodeBlock withConstant(NodeCode c, String operation, int i) {
        return unary(c.in(1 - i), c, operation, CodeBlock.of("$L, ", c.syntax().literal(c.in(i).value())));
    }

    /** {@code Elementwise.<operation>(<leading arguments>a, out, elements)}. */
    private static CodeBlock unary(NodeCode c, String operation, CodeBlock leading) {
        return unary(c.in(0), c, operation, leading);
    }

    private static CodeBlock unary(Operand a, NodeCode c, String operation, CodeBlock leading) {
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.$N($L$N, $L, $N, $L, $L)", Types.ELEMENTWISE, operation, leading, a.array(),
                        a.base(), out.array(), out.base(), c.elements(out.shape()))
                .build();
    }
}
