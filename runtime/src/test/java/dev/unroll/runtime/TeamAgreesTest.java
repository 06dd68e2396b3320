package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.Passes;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.kernels.Dtype;
import dev.unroll.kernels.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A generated kernel whose products a team splits by columns computes the same bits as without the team, forward
 * and backward, in both dtypes, and so agrees with the interpreter as the unsplit kernel does. The hidden sizes give
 * products of 36 to 160 columns, which a team with no work threshold splits into parts of one grain and a rest.
 */
class TeamAgreesTest {

    static List<Arguments> cases() {
        List<Scenario> cells = List.of(
                Scenario.of("lstm", LossCell.attach(Cells.lstm(3, 40), "y", Loss.MEAN_SQUARED_ERROR)),
                Scenario.of("gru", LossCell.attach(Cells.gru(5, 36), "y", Loss.MEAN_SQUARED_ERROR)));
        List<Arguments> cases = new ArrayList<>();
        for (Dtype dtype : Dtype.values()) {
            for (Scenario cell : cells) {
                cases.add(Arguments.of(cell, dtype));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aTeamChangesNoBitAndTheKernelAgreesWithTheInterpreter(Scenario cell, Dtype dtype) {
        CompiledModel model = Agreement.compile(cell, Options.float64().dtype(dtype).truncation(Truncation.full())
                .maxSteps(Agreement.MAX_STEPS).maxBatch(Agreement.MAX_BATCH), Passes.ALL);
        for (int batch : new int[] {1, 3}) {
            Scenario.Data data = cell.data(5, batch, 11 + batch);
            double[] carry = model.carry(5, 3);
            Bptt.LossResult alone = model.loss(data.inputs(), data.states(), data.params(), carry);
            try (Team team = new Team(2, 0)) {
                model.kernel().useTeam(team);
                Bptt.LossResult split = model.loss(data.inputs(), data.states(), data.params(), carry);
                sameBits(cell + " " + dtype + " B=" + batch, alone, split);
                Agreement.check(model, cell, 5, batch, 23);
            } finally {
                model.kernel().useTeam(Team.alone());
            }
        }
    }

    private static void sameBits(String where, Bptt.LossResult expected, Bptt.LossResult actual) {
        assertEquals(Double.doubleToRawLongBits(expected.loss()), Double.doubleToRawLongBits(actual.loss()),
                where + ": loss");
        Bptt.Result e = expected.result();
        Bptt.Result a = actual.result();
        for (int t = 0; t < e.forward().outputs().size(); t++) {
            sameBits(where + ": outputs at step " + t, e.forward().outputs().get(t), a.forward().outputs().get(t));
            sameBits(where + ": input gradients at step " + t, e.gradients().inputs().get(t),
                    a.gradients().inputs().get(t));
        }
        sameBits(where + ": final states", e.forward().finalStates(), a.forward().finalStates());
        sameBits(where + ": parameter gradients", e.gradients().params(), a.gradients().params());
        sameBits(where + ": initial-state gradients", e.gradients().initialStates(), a.gradients().initialStates());
    }

    private static void sameBits(String where, Map<String, Mat> expected, Map<String, Mat> actual) {
        assertEquals(expected.keySet(), actual.keySet(), where + ": names");
        for (String name : expected.keySet()) {
            double[] e = expected.get(name).data();
            double[] a = actual.get(name).data();
            assertEquals(e.length, a.length, where + " '" + name + "': size");
            for (int i = 0; i < e.length; i++) {
                assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                        where + " '" + name + "' [" + i + "]: " + a[i] + " with the team, " + e[i] + " without");
            }
        }
    }
}
