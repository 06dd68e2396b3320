package dev.unroll.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.passes.schedule.Item;
import dev.unroll.compiler.passes.schedule.Region;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The rolled time loops and one method per region of the program: {@code runForward} runs {@code beforeForward}
 * once and {@code forwardStep(t)} for t = 0 … T−1 (a single inference step is {@code runForward(1, batch)});
 * {@code runBackward} clears the gradient accumulators, runs {@code beforeBackward} once, {@code backwardStep(t)} for
 * t = T−1 … 0 with the truncation schedule's carry factor, and {@code afterBackward} once. A region without items
 * has no method and no call (a cell without state whose every node is hoisted has no forward loop). Each method's
 * body is its items' code ({@link ItemCode}), in the program's order.
 */
final class RegionMethods {

    private final Adjoint adjoint;
    private final Placement placement;
    private final BufferPlan plan;
    private final Naming names;
    private final Syntax syntax;
    private final ItemCode code;

    RegionMethods(Placement placement, BufferPlan plan, Naming names, Syntax syntax, ItemCode code) {
        this.adjoint = placement.program().adjoint();
        this.placement = placement;
        this.plan = plan;
        this.names = names;
        this.syntax = syntax;
        this.code = code;
    }

    /** {@code runForward(steps, batch)}: the region before the loop, then the forward time loop. */
    MethodSpec runForward() {
        MethodSpec.Builder m = method("runForward", names.steps, names.batch)
                .addAnnotation(Types.OVERRIDE).addModifiers(Modifier.PROTECTED);
        if (placement.runs(Region.BEFORE_FORWARD)) {
            m.addStatement("$N($N, $N)", names.beforeForward, names.steps, names.batch);
        }
        if (placement.runs(Region.FORWARD_STEP)) {
            m.beginControlFlow("for (int $N = 0; $N < $N; $N++)", names.step, names.step, names.steps, names.step)
                    .addStatement("$N($N, $N)", names.forwardStep, names.step, names.batch)
                    .endControlFlow();
        }
        return m.build();
    }

    /**
     * {@code runBackward(steps, batch, carry)}: clears the gradient accumulators, then the regions before, in and
     * after the backward time loop. The adjoint entering step {@code steps − 1} is not cleared here: the base class
     * has written the final-state seeds (zeros if none) into that block.
     */
    MethodSpec runBackward() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("runBackward")
                .addAnnotation(Types.OVERRIDE)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(TypeName.INT, names.steps)
                .addParameter(TypeName.INT, names.batch)
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), names.carry)
                .addStatement("$N()", names.clearGradients);
        if (placement.runs(Region.BEFORE_BACKWARD)) {
            m.addStatement("$N()", names.beforeBackward);
        }
        if (placement.runs(Region.BACKWARD_STEP)) {
            m.beginControlFlow("for (int $N = $N - 1; $N >= 0; $N--)", names.step, names.steps, names.step,
                            names.step)
                    .addStatement("$N($N, $N, $N[$N])", names.backwardStep, names.step, names.batch, names.carry,
                            names.step)
                    .endControlFlow();
        }
        if (placement.runs(Region.AFTER_BACKWARD)) {
            m.addStatement("$N($N, $N)", names.afterBackward, names.steps, names.batch);
        }
        return m.build();
    }

    /** The methods of every region that has items, with their helpers, in region order. */
    List<MethodSpec> regions() {
        List<MethodSpec> methods = new ArrayList<>();
        for (Region region : Region.values()) {
            if (placement.runs(region)) {
                methods.addAll(region(region));
            }
        }
        return methods;
    }

    private List<MethodSpec> region(Region region) {
        List<CodeBlock> body = new ArrayList<>();
        for (Item item : placement.program().region(region)) {
            body.add(item.accept(code));
        }
        MethodSpec.Builder m = switch (region) {
            case BEFORE_FORWARD -> method(names.beforeForward, names.steps, names.batch);
            case FORWARD_STEP -> method(names.forwardStep, names.step, names.batch);
            case BEFORE_BACKWARD -> method(names.beforeBackward);
            case BACKWARD_STEP -> method(names.backwardStep, names.step, names.batch)
                    .addParameter(TypeName.DOUBLE, names.carry);
            case AFTER_BACKWARD -> method(names.afterBackward, names.steps, names.batch);
        };
        String name = m.build().name();
        return Chunker.split(m.addModifiers(Modifier.PRIVATE), name, body, names);
    }

    /** {@code clearGradients()}: zero every parameter's gradient accumulator. */
    List<MethodSpec> clearGradients() {
        List<CodeBlock> body = new ArrayList<>();
        for (int p = 0; p < adjoint.forward().params().size(); p++) {
            body.add(CodeBlock.builder().addStatement("$T.fill($N, $L)", Types.ARRAYS, plan.gradient(p).field(),
                    syntax.literal(0.0)).build());
        }
        return Chunker.split(helper(names.clearGradients), names.clearGradients, body, names);
    }

    /** A private method taking {@code int} parameters. */
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
