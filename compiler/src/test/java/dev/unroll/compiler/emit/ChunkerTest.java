package dev.unroll.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Long bodies are split into helpers of at most {@link Chunker#LIMIT} statements, level by level, in order. */
class ChunkerTest {

    private static List<CodeBlock> statements(int count) {
        List<CodeBlock> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(CodeBlock.builder().addStatement("node$L(t)", i).build());
        }
        return out;
    }

    private static List<MethodSpec> split(int count) {
        MethodSpec.Builder step = MethodSpec.methodBuilder("step").addParameter(TypeName.INT, "t");
        return Chunker.split(step, "step", statements(count), new Naming("K"));
    }

    private static int statementCount(MethodSpec m) {
        return (int) m.code().toString().lines().count();
    }

    @Test
    void aShortBodyStaysInItsMethod() {
        List<MethodSpec> methods = split(Chunker.LIMIT);
        assertEquals(1, methods.size());
        assertEquals(Chunker.LIMIT, statementCount(methods.get(0)));
    }

    @Test
    void aLongBodyIsSplitIntoHelpersTakingTheSameParameters() {
        List<MethodSpec> methods = split(Chunker.LIMIT * 2 + 1);
        assertEquals(4, methods.size());
        assertEquals("stepPart0(t);\nstepPart1(t);\nstepPart2(t);\n", methods.get(0).code().toString());
        assertEquals("node400(t);\n", methods.get(3).code().toString());
        assertEquals(methods.get(0).parameters(), methods.get(1).parameters());
    }

    @Test
    void aVeryLongBodyIsSplitOnSeveralLevelsKeepingTheOrder() {
        int count = Chunker.LIMIT * Chunker.LIMIT + 7;
        List<MethodSpec> methods = split(count);
        for (MethodSpec m : methods) {
            assertTrue(statementCount(m) <= Chunker.LIMIT, m.name() + " has " + statementCount(m) + " statements");
        }
        StringBuilder leaves = new StringBuilder();
        for (MethodSpec m : methods) {
            if (m.code().toString().startsWith("node")) {
                leaves.append(m.code());
            }
        }
        assertEquals(CodeBlock.join(statements(count), "").toString(), leaves.toString());
    }
}
