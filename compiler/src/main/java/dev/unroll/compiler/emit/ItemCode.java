package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.unroll.compiler.passes.schedule.Item;
import dev.unroll.compiler.passes.schedule.NodeComment;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;

/**
 * The emitter's table from item to code: each kind of {@link Item} of the program becomes the statements that run
 * it, in the method of its region, whose parameters are {@code t} (a step), or {@code steps}, and {@code batch}.
 * A node's arithmetic lives in its own method ({@link NodeMethods}, one row per op in {@link OpEmitter}); the items
 * only call those methods, copy blocks or sum over the steps.
 */
final class ItemCode implements Item.Visitor<CodeBlock> {

    private final Cell forward;
    private final Cell adjoint;
    private final Graph graph;
    private final BufferPlan plan;
    private final Naming names;
    private final NodeMethods nodes;
    private final ChainMethods chains;
    private final ProductMerge merge;
    private final Placement placement;
    private final Syntax syntax;

    ItemCode(Placement placement, BufferPlan plan, Naming names, NodeMethods nodes, Syntax syntax) {
        this.placement = placement;
        this.syntax = syntax;
        this.forward = placement.program().adjoint().forward();
        this.adjoint = placement.program().adjoint().cell();
        this.graph = adjoint.graph();
        this.plan = plan;
        this.names = names;
        this.nodes = nodes;
        this.chains = new ChainMethods(graph, names, nodes);
        this.merge = new ProductMerge(graph, plan, placement.mergedProducts(), names, nodes);
    }

    /** The chain methods, in the order the items first asked for them. */
    ChainMethods chains() {
        return chains;
    }

    /** The methods of the merged products. */
    ProductMerge merge() {
        return merge;
    }

    @Override
    public CodeBlock compute(Item.Compute item) {
        return nodes.call(graph.node(item.node()), step(), batch());
    }

    @Override
    public CodeBlock hoisted(Item.Hoisted item) {
        Node n = graph.node(item.node());
        if (item.allRows()) {
            CodeBlock comment = CodeBlock.of("%$L for every step: the rows of all steps at once", item.node());
            return CodeBlock.builder().add(CommentText.comment(comment)).add(nodes.call(n, CodeBlock.of("0"),
                    CodeBlock.of("($N - 1) * $N + $N", names.steps, names.maxBatch, names.batch))).build();
        }
        return CodeBlock.builder()
                .beginControlFlow("for (int $N = 0; $N < $N; $N++)", names.step, names.step, names.steps, names.step)
                .add(nodes.call(n, step(), batch()))
                .endControlFlow()
                .build();
    }

    @Override
    public CodeBlock chain(Item.Chain item) {
        if (item.nodes().size() == 1) {
            return nodes.call(graph.node(item.nodes().get(0)), step(), CodeBlock.of("0"), batch());
        }
        return CodeBlock.builder().addStatement("$N($N, $N)", chains.method(item), names.step, names.batch).build();
    }

    @Override
    public CodeBlock packWeights(Item.PackWeights item) {
        return merge.pack(item.group());
    }

    @Override
    public CodeBlock mergedProduct(Item.MergedProduct item) {
        return CodeBlock.builder().addStatement("$N($N, $N)", merge.method(item.group()), names.step, names.batch)
                .build();
    }

    @Override
    public CodeBlock transpose(Item.Transpose item) {
        Node p = graph.node(item.param());
        return CodeBlock.builder().addStatement("$T.transpose($N, 0, $N, 0, $L, $L)", Types.BLAS,
                plan.of(p.id()).field(), plan.transposed(p.id()).field(), p.shape().rows(), p.shape().cols()).build();
    }

    @Override
    public CodeBlock transposedProduct(Item.TransposedProduct item) {
        return nodes.call(graph.node(item.node()), step(), batch());
    }

    @Override
    public CodeBlock sumOverSteps(Item.SumOverSteps item) {
        Node g = graph.node(item.node());
        Buffer a = plan.of(g.input(0));
        Buffer b = plan.of(g.input(1));
        Buffer grad = plan.gradient(item.param());
        boolean oneHot = OpEmitter.readsOneHot(graph, g);
        return commented(CodeBlock.of("$L += %$L summed over the steps", grad.field(), item.node()),
                CodeBlock.of("$L$N, $L, $L, $N, $L, $L, $N, 0, $L, $N, $N, $L)",
                        oneHot ? CodeBlock.of("$T.tnSum(", Types.SPARSE_ROWS)
                                : CodeBlock.of("$T.gemmTNSum(team(), ", Types.TEAM_BLAS), a.field(),
                        a.firstBlock(names), a.stride(names), b.field(), b.firstBlock(names), b.stride(names),
                        grad.field(), a.shape().cols(), names.batch, names.steps, b.shape().cols()));
    }

    @Override
    public CodeBlock nextState(Item.NextState item) {
        Cell.State s = forward.states().get(item.state());
        return commented(CodeBlock.of("next $L = $L, the state entering step $N + 1", s.name(), operand(s.next()),
                names.step), copy(s.next(), plan.of(s.node()), CodeBlock.of("($N + 1)", names.step)));
    }

    @Override
    public CodeBlock accumulateGradient(Item.AccumulateGradient item) {
        Buffer g = plan.gradient(item.param());
        CodeBlock comment = CodeBlock.of("$L += $L", g.field(), operand(item.node()));
        Node n = graph.node(item.node());
        if (n.op() == Op.CONST) {
            return commented(comment, CodeBlock.of("$T.addScalar($L, $N, 0, $N, 0, $L)", Types.ELEMENTWISE,
                    syntax.literal(n.attrs().scalar()), g.field(), g.field(), g.elements(names)));
        }
        return commented(comment, CodeBlock.of("$T.add($N, $L, $N, 0, $L)", Types.BLAS, plan.of(n.id()).field(),
                offset(n.id()), g.field(), g.elements(names)));
    }

    @Override
    public CodeBlock inputGradient(Item.InputGradient item) {
        Buffer g = plan.inputGradient(item.input());
        return commented(CodeBlock.of("$L at step $N = $L", g.field(), names.step, operand(item.node())),
                copy(item.node(), g, step()));
    }

    @Override
    public CodeBlock carryStateAdjoint(Item.CarryStateAdjoint item) {
        Cell.State s = adjoint.states().get(item.state());
        Buffer b = plan.of(s.node());
        Node next = graph.node(s.next());
        if (item.clears(placement.program().adjoint())) {
            return commented(CodeBlock.of("$L into step $N - 1 = $L: no adjoint flows", s.name(), names.step,
                    operand(next.id())), fill(b, step(), syntax.literal(next.attrs().scalar())));
        }
        CodeBlock comment = CodeBlock.of("$L into step $N - 1 = $N * $L", s.name(), names.step, names.carry,
                operand(next.id()));
        if (next.op() == Op.CONST) {
            return commented(comment, fill(b, step(), CodeBlock.of("$N * $L", names.carry,
                    syntax.literal(next.attrs().scalar()))));
        }
        return commented(comment, CodeBlock.of("$T.scale($N, $L, $N, $N, $L, $L)", Types.BLAS,
                plan.of(next.id()).field(), offset(next.id()), names.carry, b.field(), b.offset(step(), names),
                b.elements(names)));
    }

    /**
     * {@code System.arraycopy} of node {@code from}'s current block into block {@code block} of {@code to}; a
     * constant, which has no buffer, is a fill with its value.
     */
    private CodeBlock copy(int from, Buffer to, CodeBlock block) {
        Node n = graph.node(from);
        if (n.op() == Op.CONST) {
            return fill(to, block, syntax.literal(n.attrs().scalar()));
        }
        return CodeBlock.of("$T.arraycopy($N, $L, $N, $L, $L)", Types.SYSTEM, plan.of(from).field(), offset(from),
                to.field(), to.offset(block, names), to.elements(names));
    }

    /** {@code Arrays.fill} of the used part of block {@code block} of {@code to} with {@code value}. */
    private CodeBlock fill(Buffer to, CodeBlock block, CodeBlock value) {
        CodeBlock from = to.offset(block, names);
        return CodeBlock.of("$T.fill($N, $L, $L + $L, $L)", Types.ARRAYS, to.field(), from, from,
                to.elements(names), value);
    }

    /** {@code %6}, or a constant's value. */
    private String operand(int id) {
        return NodeComment.operand(graph.node(id));
    }

    /** The offset of node {@code id}'s block in the current step. */
    private CodeBlock offset(int id) {
        Buffer b = plan.of(id);
        return b.offset(nodes.block(b), names);
    }

    private CodeBlock step() {
        return CodeBlock.of("$N", names.step);
    }

    private CodeBlock batch() {
        return CodeBlock.of("$N", names.batch);
    }

    /** One statement with a comment line above it. */
    static CodeBlock commented(CodeBlock comment, CodeBlock statement) {
        return CodeBlock.builder().add(CommentText.comment(comment)).addStatement(statement).build();
    }
}
