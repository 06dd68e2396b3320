package dev.unroll.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.dsl.inspect.Dot;
import dev.unroll.dsl.inspect.Listing;
import java.util.ArrayList;
import java.util.List;

/**
 * Random, mostly broken cell definitions either build a cell that verifies or throw {@link UnrollException}:
 * never a {@code NullPointerException}, {@code IndexOutOfBoundsException}, {@code IllegalArgumentException} or
 * any other type.
 */
class BrokenDefinitionsPropertyTest {

    /** The DSL call a {@link Call} makes. */
    enum Kind {
        INPUT, STATE, WEIGHT, BIAS, PARAM_UNIFORM, CONSTANT, AFFINE, AFFINE_NO_OPERANDS, UNARY, BINARY, SCALE,
        SLICE, CONCAT, ONE_HOT, SOFTMAX_CE, AS, NEXT, OUTPUT, NULL_OPERAND, FOREIGN_OPERAND
    }

    /**
     * One DSL call: operands are picked among the values made so far by index (modulo their count, or null when
     * there are none), sizes and numbers come from ranges that include invalid ones.
     */
    record Call(Kind kind, String name, int size, int other, int pick, int pick2, double number) {
    }

    /** A sequence of calls and whether the states left without a next value get one at the end. */
    record Program(List<Call> calls, boolean bindMissingNext) {
    }

    private static final String[] GOOD_NAMES = {"x", "h", "c", "W", "b", "y", "g", "i", "z", "a_b"};

    private static final String[] BAD_NAMES = {"", "1x", "a__b", "class", "x;y", "/*", "é", "a\nb", null};

    private static final Double[] NUMBERS = {
        0.0, 1.5, -2.0, 1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };

    static Gen<Program> programs() {
        Gen<Kind> kind = Gens.oneOf(Kind.values());
        // Mostly valid choices with rare invalid ones, so that definitions get far before they break.
        Gen<String> goodName = Gens.zip(Gens.oneOf(GOOD_NAMES), Gens.integers(0, 9), (n, i) -> i == 0 ? n : n + i);
        Gen<String> name = mostly(goodName, Gens.oneOf(BAD_NAMES));
        Gen<Integer> size = mostly(Gens.integers(2, 3),
                Gens.oneOfGens(Gens.integers(-2, 6), Gens.oneOf(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE)));
        Gen<Integer> pick = Gens.integers(0, 1_000);
        Gen<Double> number = Gens.oneOf(NUMBERS);
        Gen<Call> call = c -> new Call(kind.generate(c), name.generate(c), size.generate(c), size.generate(c),
                pick.generate(c), pick.generate(c), number.generate(c));
        return Gens.zip(Gens.lists(call, 0, 30), Gens.booleans(), Program::new);
    }

    /** {@code usual} nine times in ten, else {@code rare}; shrinks toward {@code usual}. */
    private static <T> Gen<T> mostly(Gen<T> usual, Gen<T> rare) {
        return c -> c.draw(9) < 9 ? usual.generate(c) : rare.generate(c);
    }

    @Property
    void brokenDefinitionsBuildAVerifiedCellOrThrowUnrollException(@ForAll("programs") Program program) {
        Value foreign = foreignValue();
        Cell cell;
        try {
            cell = Cell.define("random", c -> run(program, c, foreign));
        } catch (UnrollException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "an UnrollException without a message");
            return;
        }
        for (Cell.State s : cell.states()) {
            assertEquals(s.shape(), cell.graph().shape(s.next()), "next value of state " + s.name());
        }
        for (Cell.Port o : cell.outputs()) {
            assertEquals(o.shape(), cell.graph().shape(o.node()), "output " + o.name());
        }
        Listing.of(cell, true);
        Dot.of(cell);
    }

    private static Value foreignValue() {
        Value[] v = new Value[1];
        Cell.define("other", c -> v[0] = c.input("z", 3));
        return v[0];
    }

    private static void run(Program program, CellBuilder c, Value foreign) {
        List<Value> values = new ArrayList<>();
        List<Value> states = new ArrayList<>();
        List<Value> bound = new ArrayList<>();
        for (Call call : program.calls()) {
            Value made = apply(call, c, values, states, bound, foreign);
            if (made != null) {
                values.add(made);
            }
        }
        if (program.bindMissingNext()) {
            for (Value s : states) {
                if (!bound.contains(s)) {
                    c.next(s, s);
                }
            }
        }
    }

    private static Value apply(Call k, CellBuilder c, List<Value> values, List<Value> states, List<Value> bound,
                               Value foreign) {
        Value a = pick(values, k.pick());
        Value b = pick(values, k.pick2());
        if (a == null && needsReceiver(k.kind())) {
            return null; // a method call on null fails in Java itself, before the DSL sees it
        }
        return switch (k.kind()) {
            case INPUT -> c.input(k.name(), k.size());
            case STATE -> {
                Value s = c.state(k.name(), k.size());
                states.add(s);
                yield s;
            }
            case WEIGHT -> c.weight(k.name(), k.size(), k.other());
            case BIAS -> c.bias(k.name(), k.size());
            case PARAM_UNIFORM -> c.param(k.name(), k.size(), k.other(), Init.uniform(k.number(), 1.0));
            case CONSTANT -> c.constant(k.number(), k.size());
            case AFFINE -> b == null ? c.affine(k.name(), k.size(), a) : c.affine(k.name(), k.size(), a, b);
            case AFFINE_NO_OPERANDS -> c.affine(k.name(), k.size());
            case UNARY -> unary(a, k.other());
            case BINARY -> binary(a, b, k.other());
            case SCALE -> a.scale(k.number());
            case SLICE -> a.slice(k.size(), k.other());
            case CONCAT -> a.concat(b);
            case ONE_HOT -> a.oneHot(k.size());
            case SOFTMAX_CE -> a.softmaxCrossEntropy(b);
            case AS -> a.as(k.name());
            case NEXT -> {
                c.next(a, b);
                bound.add(a);
                yield null;
            }
            case OUTPUT -> {
                c.output(k.name(), a);
                yield null;
            }
            case NULL_OPERAND -> a.add(null);
            case FOREIGN_OPERAND -> a.mul(foreign);
        };
    }

    private static boolean needsReceiver(Kind kind) {
        return switch (kind) {
            case UNARY, BINARY, SCALE, SLICE, CONCAT, ONE_HOT, SOFTMAX_CE, AS, NULL_OPERAND, FOREIGN_OPERAND -> true;
            case INPUT, STATE, WEIGHT, BIAS, PARAM_UNIFORM, CONSTANT, AFFINE, AFFINE_NO_OPERANDS, NEXT, OUTPUT -> false;
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

    /** The value at {@code index} modulo the count, or null when there are none (a null argument is a test case). */
    private static Value pick(List<Value> values, int index) {
        return values.isEmpty() ? null : values.get(index % values.size());
    }
}
