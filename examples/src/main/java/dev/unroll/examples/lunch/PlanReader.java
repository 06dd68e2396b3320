package dev.unroll.examples.lunch;

import dev.unroll.dsl.Cell;

/**
 * The backward cell of the bidirectional lunch model: a GRU that reads only the plan columns of each day's entry.
 * Run backward in time it carries tomorrow's plans to today; it must not read the lunch columns, because
 * tomorrow's entry records today's lunch as "yesterday's", which would hand the model the answer.
 */
final class PlanReader {

    private PlanReader() {
    }

    /** A GRU over columns {@code [meals, 2·meals)} of an input {@code inputSize} wide. */
    static Cell cell(int inputSize, int hidden) {
        int meals = EatingRecord.MEALS.size();
        return Cell.define("plan_reader", c -> {
            var entry = c.input("x", inputSize);
            var plans = entry.slice(meals, 2 * meals).as("p");
            var h = c.state("h", hidden);
            var r = c.affine("r", hidden, plans, h).sigmoid().as("R");
            var z = c.affine("z", hidden, plans, h).sigmoid().as("Z");
            var hTilde = plans.matmul(c.weight("W_ph", meals, hidden)).add(r.mul(h).matmul(c.weight("W_hh", hidden, hidden)))
                    .addBias(c.bias("b_h", hidden)).tanh();
            var hNext = z.mul(h).add(z.oneMinus().mul(hTilde));
            c.next(h, hNext).output("y", hNext);
        });
    }
}
