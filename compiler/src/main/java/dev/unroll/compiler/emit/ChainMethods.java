package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.compiler.passes.schedule.Item;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One method per chain item of the program ({@code Item.Chain}): a single loop over tiles of rows that runs every
 * node of the chain on the tile,
 * {@code for (row …) { add6(t, row, rows); addBias8(t, row, rows); tanh9(t, row, rows); }}, so that each value a
 * node writes is still in the first-level cache when the next node reads it.
 */
final class ChainMethods {

    /** How many nodes one comment line of a chain method names. */
    private static final int COMMENT_NODES = 8;

    private final Graph graph;
    private final Naming names;
    private final NodeMethods nodes;
    private final Map<List<Integer>, MethodSpec> methods = new LinkedHashMap<>();

    ChainMethods(Graph graph, Naming names, NodeMethods nodes) {
        this.graph = graph;
        this.names = names;
        this.nodes = nodes;
    }

    /** The name of the method running {@code chain}, generating it on first use. */
    String method(Item.Chain chain) {
        return methods.computeIfAbsent(chain.nodes(), k -> generate(chain.nodes().stream().map(graph::node)
                .toList(), chain.tileRows())).name();
    }

    /** Every chain method generated so far. */
    List<MethodSpec> methods() {
        return List.copyOf(methods.values());
    }

    private MethodSpec generate(List<Node> chain, int tile) {
        Naming.Locals locals = names.locals();
        String rows = locals.local("rows");
        CodeBlock.Builder loop = CodeBlock.builder()
                .beginControlFlow("for (int $N = 0; $N < $N; $N += $L)", names.row, names.row, names.batch,
                        names.row, tile)
                .addStatement("int $N = $T.min($L, $N - $N)", rows, Types.MATH, tile, names.batch, names.row);
        CodeBlock step = CodeBlock.of("$N", names.step);
        for (Node n : chain) {
            loop.add(nodes.call(n, step, CodeBlock.of("$N", names.row), CodeBlock.of("$N", rows)));
        }
        MethodSpec.Builder method = RegionMethods.helper(names.fresh("chain" + methods.size()), names.step,
                names.batch);
        for (int from = 0; from < chain.size(); from += COMMENT_NODES) {
            String line = chain.subList(from, Math.min(chain.size(), from + COMMENT_NODES)).stream()
                    .map(n -> "%" + n.id() + " " + n.op().mnemonic()).collect(Collectors.joining(", "));
            String end = from + COMMENT_NODES < chain.size() ? "," : ", on tiles of " + tile + " rows";
            method.addComment("$L", CommentText.line(line + end));
        }
        return method
                .addCode(loop.endControlFlow().build())
                .build();
    }
}
