package dev.unroll.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Node;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The rolled time loops: {@code runForward} calls {@code forwardStep(t)} for t = 0 … T−1 (or, when the schedule
 * hoists nodes, {@code hoistInputs} once and then {@code recurrentStep(t)}), and {@code runBackward} calls
 * {@code backwardStep(t)} for t = T−1 … 0 with the truncation schedule's carry factor, between the transposition of
 * parameters and the deferred weight gradients ({@link PassMethods}); each step calls one method per node, then
 * moves the states (forward) or accumulates gradients and carries the state adjoints (backward). When the schedule
 * fuses, a step calls its nodes in {@link Fusion}'s order, each chain of elementwise nodes through one method
 * ({@link ChainMethods}).
 */
final class StepMethods {

    private final Adjoint adjoint;
    private final BufferPlan plan;
    private final Schedule schedule;
    private final Naming names;
    private final Syntax syntax;
    private final NodeMethods nodes;
    private final ChainMethods chains;
    private final ProductMerge merge;

    StepMethods(Adjoint adjoint, BufferPlan plan, Schedule schedule, Naming names, Syntax syntax, NodeMethods nodes) {
        this.adjoint = adjoint;
        this.plan = plan;
        this.schedule = schedule;
        this.names = names;
        this.syntax = syntax;
        this.nodes = nodes;
        this.chains = new ChainMethods(adjoint.cell().graph(), names, nodes);
        this.merge = new ProductMerge(adjoint.cell().graph(), plan, schedule, names, nodes);
    }

    /** The merged products' methods, which the forward loop's body calls. */
    ProductMerge merge() {
        return merge;
    }

    /** Whether some forward node is hoisted out of the loop. */
    boolean hoists() {
        return adjoint.forward().graph().nodes().stream().anyMatch(n -> schedule.hoisted(n.id()));
    }

    /** Whether the forward loop runs its own body, {@code recurrentStep}, rather than {@code forwardStep}. */
    private boolean loopBody() {
        return hoists() || merge.merges();
    }

    /** {@code runForward(steps, batch)}: the hoisted nodes and packed weights, then the forward time loop. */
    MethodSpec runForward() {
        MethodSpec.Builder m = override("runForward", names.steps, names.batch);
        if (hoists()) {
            m.addStatement("$N($N, $N)", names.hoistInputs, names.steps, names.batch);
        }
        if (merge.merges()) {
            m.addStatement("$N()", names.packWeights);
        }
        return m.beginControlFlow("for (int $N = 0; $N < $N; $N++)", names.step, names.step, names.steps, names.step)
                .addStatement("$N($N, $N)", loopBody() ? names.recurrentStep : "forwardStep", names.step, names.batch)
                .endControlFlow()
                .build();
    }

    /** {@code forwardStep(t, batch)} and its helpers: every forward node, then the next states (for one step). */
    List<MethodSpec> forwardStep() {
        return Chunker.split(override("forwardStep", names.step, names.batch), "forwardStep", forwardBody(false),
                names);
    }

    /**
     * {@code recurrentStep(t, batch)}: the forward loop's step, without the hoisted nodes and with the merged
     * products; none if nothing is hoisted or merged.
     */
    List<MethodSpec> recurrentStep() {
        if (!loopBody()) {
            return List.of();
        }
        return Chunker.split(helper(names.recurrentStep, names.step, names.batch), names.recurrentStep,
                forwardBody(true), names);
    }

    private List<CodeBlock> forwardBody(boolean loop) {
        List<Node> graph = adjoint.forward().graph().nodes().stream()
                .filter(n -> !loop || !schedule.hoisted(n.id())).toList();
        List<CodeBlock> body = new ArrayList<>(calls(graph, loop));
        for (Cell.State s : adjoint.forward().states()) {
            Buffer state = plan.of(s.node());
            body.add(commented(CodeBlock.of("next $L = %$L, the state entering step $N + 1", s.name(), s.next(),
                    names.step), copy(s.next(), state, CodeBlock.of("($N + 1)", names.step))));
        }
        return body;
    }

    /**
     * {@code runBackward(steps, batch, carry)}: clears the accumulators, transposes parameters, runs the backward
     * time loop, then sums the deferred weight gradients.
     */
    MethodSpec runBackward(boolean transposes, boolean defers) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("runBackward")
                .addAnnotation(Types.OVERRIDE)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(TypeName.INT, names.steps)
                .addParameter(TypeName.INT, names.batch)
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), names.carry)
                .addStatement("$N($N, $N)", names.clearAdjoints, names.steps, names.batch);
        if (transposes) {
            m.addStatement("$N()", names.transposeWeights);
        }
        m.beginControlFlow("for (int $N = $N - 1; $N >= 0; $N--)", names.step, names.steps, names.step, names.step)
                .addStatement("$N($N, $N, $N[$N])", names.backwardStep, names.step, names.batch, names.carry,
                        names.step)
                .endControlFlow();
        if (defers) {
            m.addStatement("$N($N, $N)", names.weightGradients, names.steps, names.batch);
        }
        return m.build();
    }

    /** {@code clearAdjoints(steps, batch)}: zero gradients, and no adjoint flowing into the last step. */
    List<MethodSpec> clearAdjoints() {
        List<CodeBlock> body = new ArrayList<>();
        for (int p = 0; p < adjoint.forward().params().size(); p++) {
            body.add(CodeBlock.builder().addStatement("$T.fill($N, $L)", Types.ARRAYS, plan.gradient(p).field(),
                    syntax.literal(0.0)).build());
        }
        for (Cell.State s : adjoint.cell().states()) {
            Buffer b = plan.of(s.node());
            CodeBlock from = b.offset(CodeBlock.of("$N", names.steps), names);
            body.add(CodeBlock.builder().addStatement("$T.fill($N, $L, $L + $L, $L)", Types.ARRAYS, b.field(), from,
                    from, b.elements(names), syntax.literal(0.0)).build());
        }
        return Chunker.split(helper(names.clearAdjoints, names.steps, names.batch), names.clearAdjoints, body,
                names);
    }

    /** {@code backwardStep(t, batch, carry)}: every adjoint node, then gradients, input gradients, state adjoints. */
    List<MethodSpec> backwardStep() {
        List<Node> graph = adjoint.cell().graph().nodes();
        List<CodeBlock> body = new ArrayList<>(calls(graph.subList(adjoint.forwardSize(), graph.size()).stream()
                .filter(n -> !schedule.isDeferred(n.id())).toList(), false));
        for (int p = 0; p < adjoint.forward().params().size(); p++) {
            int node = plan.gradientNode(p);
            if (node >= 0 && schedule.deferred(p) < 0) {
                Buffer g = plan.gradient(p);
                body.add(commented(CodeBlock.of("$L += %$L", g.field(), node), CodeBlock.of(
                        "$T.add($N, $L, $N, 0, $L)", Types.BLAS, plan.of(node).field(), offset(node), g.field(),
                        g.elements(names))));
            }
        }
        for (int i = 0; i < adjoint.forward().inputs().size(); i++) {
            int node = plan.inputGradientNode(i);
            if (node >= 0) {
                Buffer g = plan.inputGradient(i);
                body.add(commented(CodeBlock.of("$L at step $N = %$L", g.field(), names.step, node),
                        copy(node, g, CodeBlock.of("$N", names.step))));
            }
        }
        for (Cell.State s : adjoint.cell().states()) {
            Buffer b = plan.of(s.node());
            body.add(commented(CodeBlock.of("$L into step $N - 1 = $N * %$L", s.name(), names.step, names.carry,
                    s.next()), CodeBlock.of("$T.scale($N, $L, $N, $N, $L, $L)", Types.BLAS, plan.of(s.next()).field(),
                    offset(s.next()), names.carry, b.field(), b.offset(CodeBlock.of("$N", names.step), names),
                    b.elements(names))));
        }
        MethodSpec.Builder method = helper(names.backwardStep, names.step, names.batch)
                .addParameter(TypeName.DOUBLE, names.carry);
        return Chunker.split(method, names.backwardStep, body, names);
    }

    /**
     * One call per node in graph order or, when the schedule fuses, per run of {@link Fusion}'s order; with
     * {@code merged}, the first product of each merged group calls the group's method and the others nothing.
     */
    private List<CodeBlock> calls(List<Node> graph, boolean merged) {
        List<List<Node>> runs = schedule.fuses() ? Fusion.schedule(graph, adjoint.cell().graph())
                : graph.stream().filter(n -> !n.op().isLeaf()).map(List::of).toList();
        List<CodeBlock> calls = new ArrayList<>();
        CodeBlock step = CodeBlock.of("$N", names.step);
        CodeBlock batch = CodeBlock.of("$N", names.batch);
        for (List<Node> run : runs) {
            int group = merged && run.size() == 1 ? schedule.mergeGroup(run.get(0).id()) : -1;
            if (group >= 0) {
                if (schedule.mergedProducts().get(group).get(0) == run.get(0).id()) {
                    calls.add(CodeBlock.builder().addStatement("$N($N, $N)", merge.method(group), names.step,
                            names.batch).build());
                }
            } else if (run.size() == 1) {
                calls.add(nodes.call(run.get(0), step, batch));
            } else {
                calls.add(CodeBlock.builder().addStatement("$N($N, $N)", chains.method(run), names.step, names.batch)
                        .build());
            }
        }
        return calls;
    }

    /** The chain methods the step bodies call, in the order they were first called. */
    List<MethodSpec> chains() {
        return chains.methods();
    }

    /** {@code System.arraycopy} of node {@code from}'s current block into block {@code block} of {@code to}. */
    private CodeBlock copy(int from, Buffer to, CodeBlock block) {
        return CodeBlock.of("$T.arraycopy($N, $L, $N, $L, $L)", Types.SYSTEM, plan.of(from).field(), offset(from),
                to.field(), to.offset(block, names), to.elements(names));
    }

    /** One statement with a comment line above it. */
    static CodeBlock commented(CodeBlock comment, CodeBlock statement) {
        return CodeBlock.builder().add(CommentText.comment(comment)).addStatement(statement).build();
    }

    /** The offset of node {@code id}'s block in the current step. */
    private CodeBlock offset(int id) {
        Buffer b = plan.of(id);
        return b.offset(nodes.block(b), names);
    }

    static MethodSpec.Builder override(String name, String... intParameters) {
        return method(name, intParameters).addAnnotation(Types.OVERRIDE).addModifiers(Modifier.PROTECTED);
    }

    static MethodSpec.Builder helper(String name, String... intParameters) {
        return method(name, intParameters).addModifiers(Modifier.PRIVATE);
    }

    private static MethodSpec.Builder method(String name, String... intParameters) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name);
        for (String p : intParameters) {
            m.addParameter(TypeName.INT, p);
        }
        return m;
    }
}
