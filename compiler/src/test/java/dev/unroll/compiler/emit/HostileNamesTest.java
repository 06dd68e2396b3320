package dev.unroll.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.CellBuilder;
import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

/**
 * No DSL name can inject code: names crafted to break out of identifiers, strings or comments are rejected when
 * the cell is defined, before any source exists; and every identifier the emitter derives is a plain identifier.
 */
class HostileNamesTest {

    /** Quotes, semicolons, comment markers, unicode escapes (as text and as the characters they denote), and more. */
    static final List<String> HOSTILE = List.of(
            "x\"; System.exit(1); //", "x;y", "x/*", "x*/", "x//y", "/*", "*/", "//",
            "x\\u000ay", "x\\u0022", "\\u002F\\u002F", "x\ny", "x\"y", "x'y", "x y", "x\u0000", "é", "x\u200by",
            "x__y", "class", "_", "1x", "", "x".repeat(65));

    /** Every place a user names something: cell, input, state, parameter, output, value, affine gate. */
    static final List<BiConsumer<CellBuilder, String>> PLACES = List.of(
            (c, n) -> c.input(n, 2),
            (c, n) -> c.state(n, 2),
            (c, n) -> c.weight(n, 2, 2),
            (c, n) -> c.output(n, c.input("ok", 2)),
            (c, n) -> c.input("ok", 2).tanh().as(n),
            (c, n) -> c.affine(n, 2, c.input("ok", 2)));

    @Test
    void everyHostileNameIsRejectedWhenTheCellIsDefined() {
        for (String name : HOSTILE) {
            UnrollException e = assertThrows(UnrollException.class, () -> Cell.define(name, c -> { }), name);
            assertTrue(e.getMessage().startsWith("cell name " + Names.quote(name) + " is not allowed: a name must be "
                    + Names.RULE), e.getMessage());
            for (BiConsumer<CellBuilder, String> place : PLACES) {
                UnrollException inBody = assertThrows(UnrollException.class,
                        () -> Cell.define("cell", c -> place.accept(c, name)), name);
                assertTrue(inBody.getMessage().contains(" name " + Names.quote(name) + " is not allowed"),
                        inBody.getMessage());
            }
        }
    }

    @Test
    void quotingAHostileNameLeavesOnlyPrintableAsciiWithoutBackslashOrQuote() {
        for (String name : HOSTILE) {
            String quoted = Names.quote(name);
            String inside = quoted.substring(1, quoted.length() - 1);
            assertTrue(inside.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f && ch != '"'), quoted);
        }
    }

    /** Legal names that collide with what generated code writes: types, locals, constants, methods. */
    static Cell shadowing() {
        return Cell.define("Math", c -> {
            var t = c.input("t", 2);
            var batch = c.input("batch", 2);
            var i = c.state("i", 3);
            var carry = c.state("carry", 3);
            var w = c.weight("Arrays", 2, 3);
            var sys = c.weight("System", 3, 3);
            var spec = c.bias("SPEC", 3);
            var r = t.matmul(w).add(batch.matmul(w)).add(i.matmul(sys)).addBias(spec).tanh().as("r");
            var steps = carry.mul(r).sigmoid().as("MAX_BATCH");
            c.next(i, r).next(carry, steps).output("Blas", r).output("java", steps.softmax().as("max"));
        });
    }

    @Test
    void everyDerivedIdentifierIsAPlainUniqueIdentifier() {
        var cell = LossCell.attach(shadowing(), "Blas", Loss.MEAN_SQUARED_ERROR);
        TypeSpec type = Emitter.emit(Autodiff.adjoint(cell, List.of(LossCell.LOSS)),
                EmitOptions.of("MathKernel", Dtype.FLOAT32, 3, 2)).typeSpec();
        Set<String> fields = new HashSet<>();
        for (FieldSpec f : type.fieldSpecs()) {
            assertIdentifier(f.name());
            assertTrue(fields.add(f.name()), "field " + f.name() + " is declared once");
        }
        for (String reserved : Types.RESERVED) {
            assertTrue(!fields.contains(reserved), "no field hides the type " + reserved);
        }
        for (MethodSpec m : type.methodSpecs()) {
            if (!m.isConstructor()) {
                assertIdentifier(m.name());
            }
            for (ParameterSpec p : m.parameters()) {
                assertIdentifier(p.name());
                assertTrue(!fields.contains(p.name()), "parameter " + p.name() + " of " + m.name() + " hides no field");
            }
        }
        // Fields named like a type, a constant or a parameter give way; fields named like a loop variable keep
        // their name, and the loops of those methods use another one.
        assertTrue(fields.containsAll(List.of("t_", "batch_", "carry_", "Arrays_", "System_", "SPEC_", "MAX_BATCH_",
                "i", "r", "max")), fields.toString());
    }

    private static void assertIdentifier(String name) {
        assertTrue(SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name)
                && name.chars().allMatch(ch -> ch < 0x80), name);
    }
}
