package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The methods the {@link Schedule} adds around the time loops: {@code hoistInputs} computes the hoisted nodes for
 * every step before the forward loop, {@code transposeWeights} transposes parameters before the backward loop, and
 * {@code weightGradients} sums the deferred weight gradients over all steps after it. Each is absent when its pass
 * has nothing to do.
 */
final class PassMethods {

    private final Adjoint adjoint;
    private final BufferPlan plan;
    private final Schedule schedule;
    private final Naming names;
    private final NodeMethods nodes;

    PassMethods(Adjoint adjoint, BufferPlan plan, Schedule schedule, Naming names, NodeMethods nodes) {
        this.adjoint = adjoint;
        this.plan = plan;
        this.schedule = schedule;
        this.names = names;
        this.nodes = nodes;
    }

    /**
     * {@code hoistInputs(steps, batch)}: in graph order, each hoisted node either in one call over the rows of all
     * steps ({@link RowWise}) or step by step.
     */
    List<MethodSpec> hoistInputs() {
        List<CodeBlock> body = new ArrayList<>();
        for (Node n : adjoint.forward().graph().nodes()) {
            if (!schedule.hoisted(n.id())) {
                continue;
            }
            if (schedule.tall(n.id())) {
                CodeBlock comment = CodeBlock.of("%$L for every step: the rows of all steps at once", n.id());
                body.add(CodeBlock.builder().add(CommentText.comment(comment))
                        .add(nodes.call(n, CodeBlock.of("0"), CodeBlock.of("($N - 1) * $N + $N", names.steps,
                                names.maxBatch, names.batch))).build());
            } else {
                body.add(CodeBlock.builder()
                        .beginControlFlow("for (int $N = 0; $N < $N; $N++)", names.step, names.step, names.steps,
                                names.step)
                        .add(nodes.call(n, CodeBlock.of("$N", names.step), CodeBlock.of("$N", names.batch)))
                        .endControlFlow()
                        .build());
            }
        }
        if (body.isEmpty()) {
            return List.of();
        }
        return Chunker.split(StepMethods.helper(names.hoistInputs, names.steps, names.batch), names.hoistInputs, body,
                names);
    }

    /** Whether some parameter is read transposed. */
    boolean transposes() {
        return !schedule.transposedParams().isEmpty();
    }

    /** {@code transposeWeights()}: each parameter the backward pass reads transposed, once. */
    List<MethodSpec> transposeWeights() {
        if (!transposes()) {
            return List.of();
        }
        Graph graph = adjoint.cell().graph();
        List<CodeBlock> body = new ArrayList<>();
        for (int id : schedule.transposedParams()) {
            Buffer t = plan.transposed(id);
            body.add(CodeBlock.builder().addStatement("$T.transpose($N, 0, $N, 0, $L, $L)", Types.BLAS,
                    plan.of(id).field(), t.field(), graph.node(id).shape().rows(), graph.node(id).shape().cols())
                    .build());
        }
        return Chunker.split(StepMethods.helper(names.transposeWeights), names.transposeWeights, body, names);
    }

    /** Whether some weight gradient is deferred. */
    boolean defers() {
        for (int p = 0; p < adjoint.forward().params().size(); p++) {
            if (schedule.deferred(p) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code weightGradients(steps, batch)}: {@code g += Σ_t a_tᵀ·b_t} for each deferred gradient. */
    List<MethodSpec> weightGradients() {
        if (!defers()) {
            return List.of();
        }
        Graph graph = adjoint.cell().graph();
        List<CodeBlock> body = new ArrayList<>();
        for (int p = 0; p < adjoint.forward().params().size(); p++) {
            int node = schedule.deferred(p);
            if (node < 0) {
                continue;
            }
            Node g = graph.node(node);
            Buffer a = plan.of(g.input(0));
            Buffer b = plan.of(g.input(1));
            Buffer grad = plan.gradient(p);
            body.add(StepMethods.commented(CodeBlock.of("$L += %$L summed over the steps", grad.field(), node),
                    CodeBlock.of("$T.gemmTNSum($N, $L, $L, $N, $L, $L, $N, 0, $L, $N, $N, $L)", Types.BLAS, a.field(),
                            a.firstBlock(names), a.stride(names), b.field(), b.firstBlock(names), b.stride(names),
                            grad.field(), a.shape().cols(), names.batch, names.steps, b.shape().cols())));
        }
        return Chunker.split(StepMethods.helper(names.weightGradients, names.steps, names.batch),
                names.weightGradients, body, names);
    }
}
