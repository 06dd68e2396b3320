package dev.unroll.runtime;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.kernels.Dtype;
import org.junit.jupiter.api.Test;

/**
 * Legal DSL names that collide with what generated code writes (types such as {@code Math} and {@code System},
 * locals such as {@code t}, {@code i} and {@code max}, constants such as {@code SPEC}) compile and compute correctly.
 */
class ShadowingNamesTest {

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
    void namesThatShadowGeneratedIdentifiersStillCompileAndAgree() {
        Scenario scenario = Scenario.of("shadowing", LossCell.attach(shadowing(), "java", Loss.MEAN_SQUARED_ERROR));
        for (Dtype dtype : Dtype.values()) {
            Agreement.check(scenario, dtype, Truncation.randomized(0.5), 4, 2, 3);
        }
    }
}
