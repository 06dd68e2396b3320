package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.unroll.compiler.passes.schedule.NodeComment;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * One private method per computed node, {@code tanh7(t, batch)}: a comment naming the node, its DSL label and the
 * user's source line, the offsets of the step's blocks, then the op's loop. A node that runs on tiles of rows
 * ({@link Placement#tiled}) takes the first row too, {@code tanh7(t, row, batch)}, and computes rows
 * {@code [row, row + batch)}. Small methods keep every method far
 * below HotSpot's 8000-bytecode compilation limit, whatever the cell's size.
 */
final class NodeMethods {

    /** The most operands one method of a concatenation copies. */
    static final int CONCAT_GROUP = 64;

    private final BufferPlan plan;
    private final Placement placement;
    private final Naming names;
    private final Syntax syntax;

    NodeMethods(BufferPlan plan, Placement placement, Naming names, Syntax syntax) {
        this.plan = plan;
        this.placement = placement;
        this.names = names;
        this.syntax = syntax;
    }

    /** Allocates the method name of node {@code n}: its op and id, as in {@code addBias9}. */
    String allocateName(Node n) {
        String op = n.op().mnemonic();
        StringBuilder camel = new StringBuilder();
        for (String part : op.split("_")) {
            camel.append(camel.length() == 0 ? part
                    : part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1));
        }
        return names.allocate(camel.toString() + n.id(), new MethodTag(n.id()));
    }

    /** The method name allocated for node {@code n}. */
    String name(Node n) {
        return names.get(new MethodTag(n.id()));
    }

    /**
     * The statement calling node {@code n}'s method for step {@code step} over {@code batch} rows; a tiled node
     * ({@link Placement#tiled}) starts at row 0.
     */
    CodeBlock call(Node n, CodeBlock step, CodeBlock batch) {
        return placement.tiled(n.id()) ? call(n, step, CodeBlock.of("0"), batch)
                : CodeBlock.builder().addStatement("$N($L, $L)", name(n), step, batch).build();
    }

    /** The statement calling tiled node {@code n}'s method for step {@code step} on rows {@code [row, row + rows)}. */
    CodeBlock call(Node n, CodeBlock step, CodeBlock row, CodeBlock rows) {
        return CodeBlock.builder().addStatement("$N($L, $L, $L)", name(n), step, row, rows).build();
    }

    /**
     * The method computing node {@code n}; a concatenation of more than {@value #CONCAT_GROUP} values copies them
     * in helper methods of that many values each, so no method grows with the number of operands.
     */
    List<MethodSpec> methods(Node n) {
        String comment = NodeComment.comment(placement.program().graph(), n);
        if (n.op() != Op.CONCAT || n.inputs().size() <= CONCAT_GROUP) {
            return List.of(method(name(n), n, n.inputs(), 0, comment));
        }
        MethodSpec.Builder main = start(name(n), comment, false);
        List<MethodSpec> all = new ArrayList<>();
        int column = 0;
        for (int from = 0; from < n.inputs().size(); from += CONCAT_GROUP) {
            List<Integer> group = n.inputs().subList(from, Math.min(n.inputs().size(), from + CONCAT_GROUP));
            String part = names.fresh(name(n) + "Part" + from / CONCAT_GROUP);
            main.addStatement("$N($N, $N)", part, names.step, names.batch);
            all.add(method(part, n, group, column, "operands " + from + " to " + (from + group.size() - 1) + " of %"
                    + n.id()));
            for (int id : group) {
                column += plan.of(id).shape().cols();
            }
        }
        all.add(0, main.build());
        return all;
    }

    private MethodSpec method(String name, Node n, List<Integer> inputs, int firstColumn, String comment) {
        Naming.Locals locals = names.locals();
        boolean tiled = placement.tiled(n.id());
        Map<Buffer, String> offsets = new LinkedHashMap<>();
        Operand out = operand(n.id(), tiled, locals, offsets);
        List<Operand> in = new ArrayList<>();
        Map<Operand, Double> fills = new LinkedHashMap<>();
        for (int j = 0; j < inputs.size(); j++) {
            in.add(input(n, j, inputs.get(j), tiled, locals, offsets, fills));
        }
        int transposed = placement.transposedParam(n.id());
        if (transposed >= 0) {
            Buffer t = plan.transposed(transposed);
            in.set(1, new Operand(t.field(), null, t.shape()));
        }
        MethodSpec.Builder m = start(name, comment, tiled);
        offsets.forEach((buffer, local) -> m.addStatement("int $N = $L", local,
                tiled && buffer.shape().batched() ? tileOffset(buffer)
                : buffer.offset(block(buffer), names)));
        NodeCode code = new NodeCode(n, out, in, syntax, names, locals);
        fills.forEach((operand, value) -> m.addStatement("$T.fill($N, $L, $L, $L)", Types.ARRAYS, operand.array(),
                operand.base(), operand.offset() == null ? code.elements(operand.shape())
                : CodeBlock.of("$N + $L", operand.offset(), code.elements(operand.shape())), syntax.literal(value)));
        CodeBlock body = n.op() == Op.CONCAT ? Movement.concat(code, firstColumn)
                : transposed >= 0 ? OpEmitter.productWithTransposed(code)
                : OpEmitter.readsOneHot(placement.program().graph(), n) ? OpEmitter.productOfOneHot(code)
                : OpEmitter.body(code);
        return m.addCode(body).build();
    }

    private MethodSpec.Builder start(String name, String comment, boolean tiled) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, names.step);
        if (tiled) {
            m.addParameter(TypeName.INT, names.row);
        }
        return m.addParameter(TypeName.INT, names.batch).addComment("$L", CommentText.line(comment));
    }

    /** The offset of the tile's first row in the current step's block of a batched buffer. */
    private CodeBlock tileOffset(Buffer buffer) {
        CodeBlock rowStart = buffer.shape().cols() == 1 ? CodeBlock.of("$N", names.row)
                : CodeBlock.of("$N * $L", names.row, buffer.shape().cols());
        if (!buffer.perStep()) {
            return rowStart;
        }
        return CodeBlock.of("$L + $L", buffer.offset(block(buffer), names), rowStart);
    }

    /** The block of {@code buffer} that the current step reads: {@code t}, or {@code (t + 1)} for state adjoints. */
    CodeBlock block(Buffer buffer) {
        return buffer.readShift() == 0 ? CodeBlock.of("$N", names.step) : CodeBlock.of("($N + 1)", names.step);
    }

    /**
     * Operand {@code j} of node {@code n}, value {@code id}: a buffer's block; a constant the op takes as a scalar;
     * or a constant the op reads as an array, from the node's own scratch, which it first fills ({@code fills}).
     */
    private Operand input(Node n, int j, int id, boolean tiled, Naming.Locals locals, Map<Buffer, String> offsets,
            Map<Operand, Double> fills) {
        Node in = placement.program().graph().node(id);
        if (in.op() != Op.CONST) {
            return operand(plan.of(id), tiled, locals, offsets);
        }
        if (OpEmitter.takesConstant(placement.program().graph(), n, j)) {
            return Operand.constant(in.attrs().scalar(), in.shape());
        }
        Operand scratch = operand(plan.constantOperand(n.id(), id), tiled, locals, offsets);
        fills.put(scratch, in.attrs().scalar());
        return scratch;
    }

    private Operand operand(int id, boolean tiled, Naming.Locals locals, Map<Buffer, String> offsets) {
        return operand(plan.of(id), tiled, locals, offsets);
    }

    private Operand operand(Buffer b, boolean tiled, Naming.Locals locals, Map<Buffer, String> offsets) {
        String offset = null;
        if (b.perStep() || tiled && b.shape().batched()) {
            offset = offsets.computeIfAbsent(b, k -> locals.local(k.field() + "At"));
        }
        return new Operand(b.field(), offset, b.shape());
    }

    /** Tags the method name of a node in the name allocator. */
    private record MethodTag(int node) {
    }
}
