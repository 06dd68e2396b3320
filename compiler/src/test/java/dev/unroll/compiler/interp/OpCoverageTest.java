package dev.unroll.compiler.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.dsl.ir.Op;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every non-leaf op has its interpreter rule checked by one of the op property tests. */
class OpCoverageTest {

    @Test
    void everyNonLeafOpIsCheckedByAPropertyTest() {
        Set<Op> covered = EnumSet.noneOf(Op.class);
        covered.addAll(ElementwiseOpsPropertyTest.OPS);
        covered.addAll(MatmulOpsPropertyTest.OPS);
        covered.addAll(StructuralOpsPropertyTest.OPS);
        covered.addAll(ClassOpsPropertyTest.OPS);
        covered.addAll(RandomOpsPropertyTest.OPS);
        Set<Op> missing = EnumSet.noneOf(Op.class);
        for (Op op : Op.values()) {
            if (!op.isLeaf() && !covered.contains(op)) {
                missing.add(op);
            }
        }
        assertEquals(Set.of(), missing, "ops whose interpreter rule no property test checks");
    }
}
