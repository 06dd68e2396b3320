package dev.unroll.dsl.inspect;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;

/** Small custom cells for golden-text tests. */
final class SmallCells {

    private SmallCells() {
    }

    /** A cell using slice, concat, a named value, a parameter, scale and a constant. */
    static Cell mix() {
        return Cell.define("mix", c -> {
            var x = c.input("x", 4);
            var h = c.state("h", 2);
            var head = x.slice(0, 2).as("head");
            var both = head.concat(h).as("both");
            var w = c.param("W", 4, 2, Init.uniform(-0.1, 0.1));
            var next = both.matmul(w).scale(-0.5).add(c.constant(1.5, 2)).tanh();
            c.next(h, next).output("y", next).output("both", both);
        });
    }
}
