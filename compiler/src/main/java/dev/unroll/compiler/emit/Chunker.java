package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Keeps a method short whatever the cell's size: a body of more than {@value #LIMIT} statements is split into
 * helper methods of at most {@value #LIMIT} statements each, level by level, and the method calls them in order.
 * Each statement is a call or a copy of a few dozen bytecodes, so every method stays well under HotSpot's
 * 8000-bytecode compilation limit.
 */
final class Chunker {

    /** The most statements one method holds. */
    static final int LIMIT = 200;

    private Chunker() {
    }

    /**
     * Adds {@code statements} to {@code method}, splitting them into helpers named after {@code helperBase} that
     * take the method's parameters; returns the method followed by its helpers.
     */
    static List<MethodSpec> split(MethodSpec.Builder method, String helperBase, List<CodeBlock> statements,
                                  Naming names) {
        MethodSpec shape = method.build();
        CodeBlock arguments = shape.parameters().stream()
                .map(p -> CodeBlock.of("$N", p))
                .collect(CodeBlock.joining(", "));
        List<MethodSpec> helpers = new ArrayList<>();
        List<CodeBlock> level = statements;
        int count = 0;
        while (level.size() > LIMIT) {
            List<CodeBlock> calls = new ArrayList<>();
            for (int start = 0; start < level.size(); start += LIMIT) {
                String name = names.fresh(helperBase + "Part" + count++);
                MethodSpec.Builder helper = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE);
                for (ParameterSpec p : shape.parameters()) {
                    helper.addParameter(p);
                }
                level.subList(start, Math.min(level.size(), start + LIMIT)).forEach(helper::addCode);
                helpers.add(helper.build());
                calls.add(CodeBlock.builder().addStatement("$N($L)", name, arguments).build());
            }
            level = calls;
        }
        level.forEach(method::addCode);
        List<MethodSpec> all = new ArrayList<>();
        all.add(method.build());
        all.addAll(helpers);
        return all;
    }
}
