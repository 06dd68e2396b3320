package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * The declarations of a generated kernel: its capacity constants, its {@code SPEC}, one array field per buffer, and
 * the constructor that fills constant outputs and binds every buffer to its slot in the spec.
 */
final class ClassShell {

    private final Adjoint adjoint;
    private final BufferPlan plan;
    private final Naming names;
    private final Syntax syntax;
    private final EmitOptions options;

    ClassShell(Adjoint adjoint, BufferPlan plan, Naming names, Syntax syntax, EmitOptions options) {
        this.adjoint = adjoint;
        this.plan = plan;
        this.names = names;
        this.syntax = syntax;
        this.options = options;
    }

    /** {@code MAX_STEPS}, {@code MAX_BATCH} and {@code SPEC}. */
    List<FieldSpec> constants() {
        return List.of(
                FieldSpec.builder(TypeName.INT, names.maxSteps, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$L", options.maxSteps()).build(),
                FieldSpec.builder(TypeName.INT, names.maxBatch, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$L", options.maxBatch()).build(),
                FieldSpec.builder(Types.SPEC, names.spec, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc(CommentText.javadoc(
                                CodeBlock.of("What this kernel computes, and the order of its slots.\n")))
                        .initializer(spec()).build());
    }

    /**
     * One array field per buffer. They are allocated by the constructor's statements rather than by initializers,
     * which javac would put in one constructor however many buffers there are.
     */
    List<FieldSpec> buffers() {
        List<FieldSpec> fields = new ArrayList<>();
        for (Buffer b : plan.fields()) {
            fields.add(FieldSpec.builder(syntax.array(), b.field(), Modifier.PRIVATE)
                    .addJavadoc(CommentText.javadoc(CodeBlock.of("$L.\n", b.description())))
                    .build());
        }
        return fields;
    }

    /**
     * The constructor (and its helpers, for large cells): every buffer allocated for the capacity, constant
     * outputs filled, every buffer bound to its slot.
     */
    List<MethodSpec> constructor() {
        List<CodeBlock> body = new ArrayList<>();
        for (Buffer b : plan.fields()) {
            body.add(CodeBlock.builder().addStatement("$N = new $T[$L]", b.field(), syntax.element(),
                    b.length(names)).build());
        }
        for (Buffer b : plan.fields()) {
            if (b.role() == Buffer.Role.CONSTANT_OUTPUT && Double.doubleToRawLongBits(b.fill()) != 0L) {
                body.add(CodeBlock.builder().addStatement("$T.fill($N, $L)", Types.ARRAYS, b.field(),
                        syntax.literal(b.fill())).build());
            }
        }
        body.addAll(bindings());
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc(CommentText.javadoc(CodeBlock.of(
                        "Allocates every buffer for $N steps of $N rows; no call allocates afterwards.\n",
                        names.maxSteps, names.maxBatch)))
                .addStatement("super($N)", names.spec);
        return Chunker.split(ctor, "initBuffers", body, names);
    }

    /** One {@code bind…} call per slot of the spec, in the spec's order. */
    private List<CodeBlock> bindings() {
        List<CodeBlock> body = new ArrayList<>();
        Cell fwd = adjoint.forward();
        for (int i = 0; i < fwd.inputs().size(); i++) {
            Buffer g = plan.inputGradient(i);
            body.add(bind("bindInput", i, plan.of(fwd.inputs().get(i).node()), g == null ? null : store(g)));
        }
        for (int s = 0; s < fwd.states().size(); s++) {
            Buffer adj = plan.of(adjoint.cell().states().get(s).node());
            body.add(bind("bindState", s, plan.of(fwd.states().get(s).node()), store(adj)));
        }
        for (int p = 0; p < fwd.params().size(); p++) {
            body.add(bind("bindParameter", p, plan.of(fwd.params().get(p).node()), store(plan.gradient(p))));
        }
        for (int o = 0; o < fwd.outputs().size(); o++) {
            Buffer b = plan.of(fwd.outputs().get(o).node());
            body.add(bind("bindOutput", o, b, b.perStep() ? b.stride(names) : CodeBlock.of("0")));
        }
        List<Cell.Port> seeds = seedPorts();
        for (int k = 0; k < seeds.size(); k++) {
            body.add(CodeBlock.builder().addStatement("bindSeed($L, $L)", k, store(plan.of(seeds.get(k).node())))
                    .build());
        }
        return body;
    }

    /** The adjoint cell's seed inputs, in the order of the seeded outputs. */
    private List<Cell.Port> seedPorts() {
        return java.util.stream.IntStream.range(0, adjoint.seededOutputs().size())
                .mapToObj(adjoint::seedInput).toList();
    }

    private CodeBlock bind(String method, int index, Buffer values, CodeBlock second) {
        return CodeBlock.builder().addStatement("$N($L, $L, $L)", method, index, store(values),
                second == null ? CodeBlock.of("null") : second).build();
    }

    private static CodeBlock store(Buffer b) {
        return CodeBlock.of("$T.of($N)", Types.STORE, b.field());
    }

    private CodeBlock spec() {
        Cell fwd = adjoint.forward();
        List<String> withGradient = new ArrayList<>();
        for (int i = 0; i < fwd.inputs().size(); i++) {
            if (plan.inputGradient(i) != null) {
                withGradient.add(fwd.inputs().get(i).name());
            }
        }
        List<Cell.Port> seeds = adjoint.seededOutputs().stream().map(fwd::output).toList();
        return CodeBlock.builder()
                .add("new $T(\n$>$>$S, $T.$N, $N, $N,\n", Types.SPEC, fwd.name(), Types.DTYPE, options.dtype().name(),
                        names.maxSteps, names.maxBatch)
                .add("$L,\n", slots(fwd.inputs(), p -> slot(p.name(), p.shape())))
                .add("$L,\n", slots(fwd.states(), s -> slot(s.name(), s.shape())))
                .add("$L,\n", slots(fwd.params(), p -> slot(p.name(), p.shape())))
                .add("$L,\n", slots(fwd.outputs(), p -> slot(p.name(), p.shape())))
                .add("$L,\n", slots(seeds, p -> slot(p.name(), p.shape())))
                .add("$L)$<$<", slots(withGradient, n -> CodeBlock.of("$S", n)))
                .build();
    }

    private static <T> CodeBlock slots(List<T> items, Function<T, CodeBlock> slot) {
        return CodeBlock.of("$T.of($L)", Types.LIST, items.stream().map(slot).collect(CodeBlock.joining(",$W")));
    }

    private static CodeBlock slot(String name, Shape shape) {
        return shape.batched() ? CodeBlock.of("$T.batched($S, $L)", Types.SLOT, name, shape.cols())
                : CodeBlock.of("$T.fixed($S, $L, $L)", Types.SLOT, name, shape.rows(), shape.cols());
    }
}
