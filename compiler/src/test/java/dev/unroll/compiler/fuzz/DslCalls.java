package dev.unroll.compiler.fuzz;

import dev.unroll.dsl.CellBuilder;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The DSL half of the fuzz: every builder and value method, called inside a cell's body with operands picked
 * among the values made so far (or null, or a value of another cell), and sizes, names and numbers that are
 * often wrong. Each call is judged on its own, so one rejected call does not end the definition.
 */
final class DslCalls {

    private final CellBuilder c;
    private final Value foreign;
    private final List<Value> values = new ArrayList<>();
    private final List<Value> states = new ArrayList<>();

    DslCalls(CellBuilder c, Value foreign) {
        this.c = c;
        this.foreign = foreign;
    }

    /** Makes {@code call}, keeping the value it returns. */
    void apply(Call call) {
        Value made = Attempt.of("DSL call " + Math.floorMod(call.kind(), 21), call, () -> make(call));
        if (made != null) {
            values.add(made);
        }
    }

    /** Binds every state that has no next value yet to itself, so that more definitions build. */
    void bindMissingNextValues(Call call) {
        for (Value s : states) {
            Attempt.run("next", call, () -> c.next(s, s));
        }
    }

    private Value make(Call k) {
        Value a = Call.pick(values, k.pick());
        Value b = Math.floorMod(k.pick2(), 10) == 0 ? foreign : Call.pick(values, k.pick2());
        return switch (Math.floorMod(k.kind(), 21)) {
            case 0 -> c.input(k.name(), k.a());
            case 1 -> state(k);
            case 2 -> c.weight(k.name(), k.a(), k.b());
            case 3 -> c.bias(k.name(), k.a());
            case 4 -> c.param(k.name(), k.a(), k.b(), init(k));
            case 5 -> c.constant(k.number(), k.a());
            case 6 -> c.affine(k.name(), k.a(), operands(k, a, b));
            case 7 -> a == null ? null : unary(a, k.b());
            case 8 -> a == null ? null : binary(a, b, k.c());
            case 9 -> a == null ? null : a.scale(k.number());
            case 10 -> a == null ? null : a.slice(k.a(), k.b());
            case 11 -> a == null ? null : a.concat(k.c() == 0 ? null : new Value[] {b, a});
            case 12 -> a == null ? null : a.oneHot(k.a());
            case 13 -> a == null ? null : a.softmaxCrossEntropy(b);
            case 14 -> a == null ? null : a.broadcast();
            case 15 -> a == null ? null : a.as(k.name());
            case 16 -> {
                c.next(a, b);
                yield null;
            }
            case 17 -> {
                c.output(k.name(), a);
                yield null;
            }
            case 18 -> a == null ? null : a.add(null);
            case 19 -> a == null ? null : a.oneMinus();
            default -> a == null ? null : a.mul(foreign);
        };
    }

    private Value state(Call k) {
        Value s = c.state(k.name(), k.a());
        states.add(s);
        return s;
    }

    private static Value[] operands(Call k, Value a, Value b) {
        return switch (Math.floorMod(k.pick2(), 5)) {
            case 0 -> null;
            case 1 -> new Value[0];
            case 2 -> new Value[] {a};
            default -> new Value[] {a, b};
        };
    }

    private static Init init(Call k) {
        return switch (Math.floorMod(k.pick2(), 5)) {
            case 0 -> null;
            case 1 -> Init.uniform(k.number(), 1.0);
            case 2 -> Init.normal(k.number(), Math.abs(k.number()));
            case 3 -> new Init.XavierUniform(k.number());
            default -> Init.constant(k.number());
        };
    }

    private static Value unary(Value a, int which) {
        return switch (Math.floorMod(which, 13)) {
            case 0 -> a.neg();
            case 1 -> a.tanh();
            case 2 -> a.sigmoid();
            case 3 -> a.relu();
            case 4 -> a.exp();
            case 5 -> a.log();
            case 6 -> a.detach();
            case 7 -> a.softmax();
            case 8 -> a.sumRows();
            case 9 -> a.sumCols();
            case 10 -> a.meanRows();
            case 11 -> a.meanCols();
            default -> a.oneMinus();
        };
    }

    private static Value binary(Value a, Value b, int which) {
        return switch (Math.floorMod(which, 6)) {
            case 0 -> a.matmul(b);
            case 1 -> a.add(b);
            case 2 -> a.sub(b);
            case 3 -> a.mul(b);
            case 4 -> a.div(b);
            default -> a.addBias(b);
        };
    }
}
