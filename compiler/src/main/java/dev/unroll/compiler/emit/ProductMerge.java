package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The methods of the merged products ({@link Schedule#mergedProducts}): {@code packWeights()} copies each group's
 * parameters side by side once per forward pass, and {@code products0(t, batch)} runs one group's products of a
 * step as one product, {@code h·[W_hi | W_hf | W_ho | W_hc]}, then copies each block of columns into its node's
 * buffer. Only the forward time loop uses them; {@code forwardStep}, which single steps call, keeps the products
 * apart, so it never reads packed weights that a changed parameter has made stale.
 */
final class ProductMerge {

    private final Graph graph;
    private final BufferPlan plan;
    private final Schedule schedule;
    private final Naming names;
    private final NodeMethods nodes;
    private final List<String> methodNames = new ArrayList<>();

    ProductMerge(Graph graph, BufferPlan plan, Schedule schedule, Naming names, NodeMethods nodes) {
        this.graph = graph;
        this.plan = plan;
        this.schedule = schedule;
        this.names = names;
        this.nodes = nodes;
        for (int g = 0; g < schedule.mergedProducts().size(); g++) {
            methodNames.add(names.fresh("products" + g));
        }
    }

    /** Whether some products are merged. */
    boolean merges() {
        return !methodNames.isEmpty();
    }

    /** The name of the method running merged group {@code g} for one step. */
    String method(int g) {
        return methodNames.get(g);
    }

    /** {@code packWeights()}: row by row, each group's parameters side by side; none if nothing is merged. */
    List<MethodSpec> packWeights() {
        if (!merges()) {
            return List.of();
        }
        List<CodeBlock> body = new ArrayList<>();
        for (int g = 0; g < methodNames.size(); g++) {
            Buffer packed = plan.packed(g);
            int width = packed.shape().cols();
            int column = 0;
            for (int id : schedule.mergedProducts().get(g)) {
                Buffer w = plan.of(graph.node(id).input(1));
                int cols = w.shape().cols();
                body.add(CodeBlock.builder()
                        .beginControlFlow("for (int r = 0; r < $L; r++)", w.shape().rows())
                        .addStatement("$T.arraycopy($N, r * $L, $N, $L, $L)", Types.SYSTEM, w.field(), cols,
                                packed.field(), column == 0 ? CodeBlock.of("r * $L", width)
                                        : CodeBlock.of("r * $L + $L", width, column), cols)
                        .endControlFlow()
                        .build());
                column += cols;
            }
        }
        return Chunker.split(StepMethods.helper(names.packWeights), names.packWeights, body, names);
    }

    /** One method per merged group: the product on the packed parameters, then the blocks of columns copied out. */
    List<MethodSpec> methods() {
        List<MethodSpec> methods = new ArrayList<>();
        for (int g = 0; g < methodNames.size(); g++) {
            methods.add(method(g, schedule.mergedProducts().get(g)));
        }
        return methods;
    }

    private MethodSpec method(int g, List<Integer> group) {
        Node first = graph.node(group.get(0));
        Buffer a = plan.of(first.input(0));
        Buffer packed = plan.packed(g);
        Buffer out = plan.mergedOut(g);
        int width = out.shape().cols();
        String members = group.stream().map(id -> "%" + id).collect(Collectors.joining(", "));
        CodeBlock.Builder code = CodeBlock.builder()
                .addStatement("$T.gemmNN($N, $L, $N, 0, $N, 0, $N, $L, $L)", Types.BLAS, a.field(), offset(a),
                        packed.field(), out.field(), names.batch, a.shape().cols(), width)
                .beginControlFlow("for (int r = 0; r < $N; r++)", names.batch);
        int column = 0;
        for (int id : group) {
            Buffer b = plan.of(id);
            int cols = b.shape().cols();
            CodeBlock from = column == 0 ? CodeBlock.of("r * $L", width) : CodeBlock.of("r * $L + $L", width, column);
            CodeBlock to = b.perStep() ? CodeBlock.of("$L + r * $L", offset(b), cols) : CodeBlock.of("r * $L", cols);
            code.addStatement("$T.arraycopy($N, $L, $N, $L, $L)", Types.SYSTEM, out.field(), from, b.field(), to,
                    cols);
            column += cols;
        }
        return StepMethods.helper(method(g), names.step, names.batch)
                .addComment("$L", CommentText.line(members + " = " + a.field()
                        + " times its parameters side by side: one product, then each block of columns"))
                .addCode(code.endControlFlow().build())
                .build();
    }

    /** The offset of the current step's block of {@code buffer}. */
    private CodeBlock offset(Buffer buffer) {
        return buffer.offset(nodes.block(buffer), names);
    }
}
