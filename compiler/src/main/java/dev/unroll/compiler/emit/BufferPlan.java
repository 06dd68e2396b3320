package dev.unroll.compiler.emit;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.emit.Buffer.Role;
import dev.unroll.compiler.passes.schedule.NodeComment;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where every value of a kernel lives: one buffer per leaf other than a constant and per node an item of the program
 * computes (ids of the adjoint graph, whose first {@code forwardSize} nodes are the forward graph), plus the gradient
 * accumulators, the transposed and packed parameters the program's items name, and the scratch of each node that
 * reads a constant as an array. A constant has a buffer only when the caller reads it as an output. A forward value
 * the backward pass or the caller reads is kept per step (the tape), as is a value computed outside its step or read
 * after the loop; any other value lives in a scratch buffer its step overwrites. A gradient summed over the steps has
 * no buffer of its own.
 */
final class BufferPlan {

    private final Adjoint adjoint;
    private final Placement placement;
    private final int maxBatch;
    private final Buffer[] byNode;
    private final List<Buffer> fields = new ArrayList<>();
    private final Buffer[] gradients;
    private final Buffer[] inputGradients;

    private final Map<Integer, Buffer> transposed = new LinkedHashMap<>();
    private final List<Buffer> packed = new ArrayList<>();
    private final List<Buffer> mergedOut = new ArrayList<>();
    private final Map<List<Integer>, Buffer> constantOperands = new LinkedHashMap<>();

    private BufferPlan(Adjoint adjoint, Placement placement, int maxBatch) {
        this.maxBatch = maxBatch;
        this.adjoint = adjoint;
        this.placement = placement;
        this.byNode = new Buffer[adjoint.cell().graph().size()];
        this.gradients = new Buffer[adjoint.forward().params().size()];
        this.inputGradients = new Buffer[adjoint.forward().inputs().size()];
    }

    /** The plan for {@code placement}'s program, allocating every field name through {@code names}. */
    static BufferPlan of(Placement placement, Naming names, EmitOptions options) {
        Adjoint adjoint = placement.program().adjoint();
        BufferPlan plan = new BufferPlan(adjoint, placement, options.maxBatch());
        boolean[] taped = taped(adjoint);
        Graph graph = adjoint.cell().graph();
        for (Node n : graph.nodes()) {
            if (placement.stored(n.id())) {
                plan.byNode[n.id()] = plan.nodeBuffer(n, taped[n.id()], names);
            }
        }
        Cell fwd = adjoint.forward();
        for (int p = 0; p < fwd.params().size(); p++) {
            String name = DerivedNames.gradient(fwd.params().get(p).name());
            plan.gradients[p] = new Buffer(names.allocate(name, name), Role.GRADIENT, fwd.params().get(p).shape(), 0,
                    "gradient of parameter " + fwd.params().get(p).name() + ", summed over the steps", plan.maxBatch);
        }
        for (int i = 0; i < fwd.inputs().size(); i++) {
            String name = DerivedNames.adjoint(fwd.inputs().get(i).name());
            if (adjoint.inputGradient(i).isPresent()) {
                plan.inputGradients[i] = new Buffer(names.allocate(name, name), Role.INPUT_GRADIENT,
                        fwd.inputs().get(i).shape(), 0, "gradient of input " + fwd.inputs().get(i).name()
                        + ", one block per step", plan.maxBatch);
            }
        }
        for (int id : placement.transposedParams()) {
            Node p = graph.node(id);
            String name = DerivedNames.transposed(p.label());
            plan.transposed.put(id, new Buffer(names.allocate(name, name), Role.TRANSPOSED,
                    Shape.of(p.shape().cols(), p.shape().rows()), 0, "parameter " + p.label() + " transposed "
                    + NodeComment.shape(Shape.of(p.shape().cols(), p.shape().rows())) + ", once per backward pass",
                    plan.maxBatch));
        }
        plan.packMerged(names);
        plan.constantOperands(names);
        plan.order(options);
        return plan;
    }

    /** For each merged group of products: its packed parameters {@code [k × Σn]} and its output {@code [B × Σn]}. */
    private void packMerged(Naming names) {
        Graph graph = adjoint.cell().graph();
        List<List<Integer>> groups = placement.mergedProducts();
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> group = groups.get(g);
            Node first = graph.node(group.get(0));
            int k = graph.node(first.input(0)).shape().cols();
            int width = group.stream().mapToInt(id -> graph.node(id).shape().cols()).sum();
            String members = group.stream().map(id -> "%" + id).collect(Collectors.joining(", "));
            packed.add(new Buffer(names.fresh("packed" + g), Role.PACKED, Shape.of(k, width), 0, "the parameters of "
                    + members + " side by side " + NodeComment.shape(Shape.of(k, width)) + ", once per forward pass",
                    maxBatch));
            mergedOut.add(new Buffer(names.fresh("merged" + g), Role.SCRATCH, Shape.batch(width), 0, members
                    + " side by side " + NodeComment.shape(Shape.batch(width)) + ", overwritten every step", maxBatch));
        }
    }

    /**
     * A scratch buffer for each constant that a called node reads other than as a scalar (a product, concatenation
     * or reduction of a user's constant): the node's method fills it before use. Such a buffer belongs to its
     * reader, so that no buffer holds a constant for the whole kernel; a hoisted reader's is kept per step, as its
     * method fills all steps' rows at once.
     */
    private void constantOperands(Naming names) {
        Graph graph = adjoint.cell().graph();
        for (Node n : graph.nodes()) {
            for (int i = 0; i < n.inputs().size(); i++) {
                Node in = graph.node(n.input(i));
                if (placement.called(n.id()) && in.op() == Op.CONST && !OpEmitter.takesConstant(graph, n, i)) {
                    Role role = placement.hoisted(n.id()) ? Role.HOISTED : Role.SCRATCH;
                    constantOperands.computeIfAbsent(List.of(n.id(), in.id()), k -> new Buffer(
                            names.fresh("v" + n.id() + "Constant" + in.id()), role, in.shape(), 0,
                            NodeComment.operand(in) + " as operand %" + in.id() + " of %" + n.id()
                                    + ", written by the method of %" + n.id() + " before it reads it", maxBatch));
                }
            }
        }
    }

    /** The scratch buffer node {@code reader} fills with constant {@code constant} before reading it. */
    Buffer constantOperand(int reader, int constant) {
        return constantOperands.get(List.of(reader, constant));
    }

    /** The packed parameters of merged group {@code g}. */
    Buffer packed(int g) {
        return packed.get(g);
    }

    /** The output of merged group {@code g}, all its products side by side. */
    Buffer mergedOut(int g) {
        return mergedOut.get(g);
    }

    /** The transposed copy of parameter node {@code id}, which the schedule must have asked for. */
    Buffer transposed(int id) {
        return transposed.get(id);
    }

    /** The buffer holding node {@code id}'s value (forward ids and adjoint ids alike). */
    Buffer of(int id) {
        return byNode[id];
    }

    /** Every buffer, in declaration order. */
    List<Buffer> fields() {
        return List.copyOf(fields);
    }

    /** The gradient accumulator of parameter {@code p} (every parameter has one; it stays zero without gradient). */
    Buffer gradient(int p) {
        return gradients[p];
    }

    /** The per-step gradient of input {@code i}, or {@code null} if the input receives none. */
    Buffer inputGradient(int i) {
        return inputGradients[i];
    }

    /** Which forward nodes must be kept per step: read by the backward pass, or an output the caller reads. */
    private static boolean[] taped(Adjoint adjoint) {
        int f = adjoint.forwardSize();
        boolean[] taped = new boolean[f];
        for (Node n : adjoint.cell().graph().nodes().subList(f, adjoint.cell().graph().size())) {
            n.inputs().forEach(in -> mark(taped, in));
        }
        adjoint.cell().outputs().forEach(o -> mark(taped, o.node()));
        adjoint.cell().states().forEach(s -> mark(taped, s.next()));
        adjoint.forward().outputs().forEach(o -> mark(taped, o.node()));
        return Arrays.copyOf(taped, adjoint.cell().graph().size());
    }

    private static void mark(boolean[] taped, int id) {
        if (id < taped.length) {
            taped[id] = true;
        }
    }

    private Buffer nodeBuffer(Node n, boolean taped, Naming names) {
        boolean forward = n.id() < adjoint.forwardSize();
        Role role = switch (n.op()) {
            case PARAM -> Role.PARAMETER;
            case CONST -> Role.CONSTANT_OUTPUT;
            case INPUT -> forward ? forwardLeafRole(n) : Role.SEED;
            case STATE -> Role.STATE_ADJOINT;
            default -> taped ? Role.TAPE : placement.hoisted(n.id()) ? Role.HOISTED
                    : placement.kept(n.id()) ? Role.KEPT : Role.SCRATCH;
        };
        String name = names.allocate(suggestion(n, forward), n);
        return new Buffer(name, role, n.shape(), n.attrs().scalar(), describe(n, role), maxBatch);
    }

    /** In the adjoint graph a forward state is an input leaf with the state's name. */
    private Role forwardLeafRole(Node n) {
        return adjoint.forward().graph().node(n.id()).op() == Op.STATE ? Role.STATE : Role.INPUT;
    }

    private String suggestion(Node n, boolean forward) {
        if (n.hasLabel()) {
            return n.label();
        }
        if (forward) {
            for (Cell.Port o : adjoint.forward().outputs()) {
                if (o.node() == n.id()) {
                    return o.name();
                }
            }
        }
        return "v" + n.id();
    }

    private static String describe(Node n, Role role) {
        String value = NodeComment.definition(n);
        return switch (role) {
            case PARAMETER -> "parameter " + n.label() + " " + NodeComment.shape(n.shape());
            case CONSTANT_OUTPUT -> "output " + value + ", a constant the caller reads, filled in the constructor";
            case INPUT -> "input " + n.label() + " " + NodeComment.shape(n.shape()) + ", one block per step";
            case STATE -> "state " + n.label() + " " + NodeComment.shape(n.shape()) + ", block t enters step t";
            case TAPE -> value + ", one block per step (the tape)";
            case HOISTED -> value + ", one block per step, computed before the loop";
            case KEPT -> value + ", one block per step, for the weight gradients after the loop";
            case SCRATCH -> value + ", overwritten every step";
            case SEED -> "seed " + n.label() + " " + NodeComment.shape(n.shape()) + ", one block per step";
            case STATE_ADJOINT -> "adjoint " + n.label() + " " + NodeComment.shape(n.shape())
                    + ", block t flows from step t into step t-1";
            case GRADIENT, INPUT_GRADIENT, TRANSPOSED, PACKED ->
                    throw new IllegalStateException("not a node buffer: " + role);
        };
    }

    /** Declaration order: parameters, inputs, states, forward values, seeds and state adjoints, adjoint values. */
    private void order(EmitOptions options) {
        Role[] roles = {Role.PARAMETER, Role.INPUT, Role.STATE};
        List<Buffer> stored = Arrays.stream(byNode).filter(b -> b != null).toList();
        for (Role role : roles) {
            stored.stream().filter(b -> b.role() == role).forEach(fields::add);
        }
        int f = adjoint.forwardSize();
        List<Buffer> forward = Arrays.asList(byNode).subList(0, f).stream().filter(b -> b != null).toList();
        List<Buffer> backward = Arrays.asList(byNode).subList(f, byNode.length).stream().filter(b -> b != null)
                .toList();
        forward.stream().filter(b -> !List.of(roles).contains(b.role())).forEach(fields::add);
        backward.stream().filter(b -> b.role() == Role.SEED || b.role() == Role.STATE_ADJOINT).forEach(fields::add);
        backward.stream().filter(b -> b.role() != Role.SEED && b.role() != Role.STATE_ADJOINT).forEach(fields::add);
        fields.addAll(transposed.values());
        fields.addAll(packed);
        fields.addAll(mergedOut);
        fields.addAll(constantOperands.values());
        Arrays.stream(gradients).forEach(fields::add);
        Arrays.stream(inputGradients).filter(b -> b != null).forEach(fields::add);
        fields.forEach(b -> b.checkCapacity(options.maxSteps()));
    }
}
