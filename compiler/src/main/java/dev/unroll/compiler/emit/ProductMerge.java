package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The code of the merged products ({@code Item.PackWeights}, {@code Item.MergedProduct}): packing copies each
 * group's parameters side by side, and {@code products0(t, batch)} runs one group's products of a step as one
 * product, {@code h·[W_hi | W_hf | W_ho | W_hc]}, then copies each block of columns into its node's buffer.
 */
final class ProductMerge {

    private final Graph graph;
    private final BufferPlan plan;
    private final List<List<Integer>> groups;
    private final Naming names;
    private final NodeMethods nodes;
    private final List<String> methodNames = new ArrayList<>();

    ProductMerge(Graph graph, BufferPlan plan, List<List<Integer>> groups, Naming names, NodeMethods nodes) {
        this.graph = graph;
        this.plan = plan;
        this.groups = List.copyOf(groups);
        this.names = names;
        this.nodes = nodes;
        for (int g = 0; g < groups.size(); g++) {
            methodNames.add(names.fresh("products" + g));
        }
    }

    /** The name of the method running merged group {@code g} for one step. */
    String method(int g) {
        return methodNames.get(g);
    }

    /** Row by row, group {@code g}'s parameters side by side in its packed buffer. */
    CodeBlock pack(int g) {
        CodeBlock.Builder code = CodeBlock.builder();
        Buffer packed = plan.packed(g);
        int width = packed.shape().cols();
        int column = 0;
        for (int id : groups.get(g)) {
            Buffer w = plan.of(graph.node(id).input(1));
            int cols = w.shape().cols();
            code.beginControlFlow("for (int r = 0; r < $L; r++)", w.shape().rows())
                    .addStatement("$T.arraycopy($N, r * $L, $N, $L, $L)", Types.SYSTEM, w.field(), cols,
                            packed.field(), column == 0 ? CodeBlock.of("r * $L", width)
                                    : CodeBlock.of("r * $L + $L", width, column), cols)
                    .endControlFlow();
            column += cols;
        }
        return code.build();
    }

    /** One method per merged group: the product on the packed parameters, then the blocks of columns copied out. */
    List<MethodSpec> methods() {
        List<MethodSpec> methods = new ArrayList<>();
        for (int g = 0; g < methodNames.size(); g++) {
            methods.add(method(g, groups.get(g)));
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
                .addStatement("$T.gemmNN(team(), $N, $L, $N, 0, $N, 0, $N, $L, $L)", Types.TEAM_BLAS, a.field(), offset(a),
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
        return RegionMethods.helper(method(g), names.step, names.batch)
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
