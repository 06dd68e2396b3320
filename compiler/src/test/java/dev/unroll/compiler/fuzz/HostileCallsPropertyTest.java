package dev.unroll.compiler.fuzz;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Value;
import dev.unroll.dsl.cells.Cells;
import java.util.List;

/**
 * A fuzz of the public API: each try is a random sequence of DSL calls inside a cell's body, then of IR
 * constructor and builder calls and of interpreter, matrix, initializer, unrolling, BPTT and model calls, with
 * names, sizes, ids and arguments that are often invalid (hostile names, zero, negative, huge and overflowing
 * sizes, nulls, wrong operand kinds, cycles). Every cell made is listed, drawn, verified, interpreted and unrolled.
 * Every failure must be an {@code UnrollException} with a message: no raw JVM exception escapes the API.
 */
class HostileCallsPropertyTest {

    private static final Cell STANDARD = Cells.gru(2, 3);

    /**
     * One try: the cell name and body calls, then the calls on the IR and the other entry points, and one more
     * call whose values choose the batch and data of the final exercise.
     */
    record Program(String cellName, List<Call> body, List<Call> calls, Call last) {
    }

    static Gen<Program> programs() {
        Gen<String> cellName = Call.mostly(Gens.constant("fuzz"), Gens.elements(Call.NAMES));
        Gen<List<Call>> calls = Gens.lists(Call.calls(), 0, 20);
        return c -> new Program(cellName.generate(c), calls.generate(c), calls.generate(c),
                Call.calls().generate(c));
    }

    @Property(tries = 5000)
    void everyFailureIsAnUnrollExceptionWithAMessage(@ForAll("programs") Program program) {
        Call last = program.last();
        Value foreign = foreignValue();
        Cell defined = Attempt.of("Cell.define", last, () -> Cell.define(program.cellName(), c -> {
            DslCalls dsl = new DslCalls(c, foreign);
            program.body().forEach(dsl::apply);
            if (Math.floorMod(last.pick(), 4) != 0) {
                dsl.bindMissingNextValues(last);
            }
        }));
        IrCalls ir = new IrCalls();
        ir.cells.add(STANDARD);
        if (defined != null) {
            ir.cells.add(defined);
        }
        EntryCalls entries = new EntryCalls(ir);
        for (Call k : program.calls()) {
            if (Math.floorMod(k.kind() / 7, 2) == 0) {
                ir.apply(k);
            } else {
                entries.apply(k);
            }
        }
        // The standard cell is there for the calls to work on; every other cell was made by this try.
        ir.cells.stream().filter(cell -> cell != STANDARD).forEach(cell -> Exercise.cell(cell, last));
    }

    private static Value foreignValue() {
        Value[] v = new Value[1];
        Cell.define("other", c -> v[0] = c.input("z", 3));
        return v[0];
    }
}
