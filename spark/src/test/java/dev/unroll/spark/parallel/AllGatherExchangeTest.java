package dev.unroll.spark.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exchange's messages and sums, with the other workers' messages given instead of gathered by Spark. */
class AllGatherExchangeTest {

    /** Three workers' values and arrays of the same shapes. */
    record Round(List<Double> values, List<List<double[]>> arrays) {
    }

    static Gen<Round> rounds() {
        return c -> {
            List<Integer> shape = Gens.lists(Gens.integers(0, 5), 0, 3).generate(c);
            List<List<double[]>> arrays = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                List<double[]> mine = new ArrayList<>();
                for (int length : shape) {
                    mine.add(Gens.doubleArrays(length, -1e6, 1e6).generate(c));
                }
                arrays.add(mine);
            }
            return new Round(Gens.lists(Gens.doubles(), 3, 3).generate(c), arrays);
        };
    }

    @Property(tries = 50, seed = "20261208")
    void everyWorkerGetsTheSumInPartitionOrderToTheLastBit(@ForAll("rounds") Round r) {
        String[] messages = new String[3];
        for (int w = 0; w < 3; w++) {
            messages[w] = DoubleMessage.encode(r.values().get(w), r.arrays().get(w).toArray(double[][]::new));
        }
        double[][] mine = r.arrays().get(1).stream().map(double[]::clone).toArray(double[][]::new);
        AllGatherExchange exchange = new AllGatherExchange(message -> messages, 3);
        double sum = exchange.sum(r.values().get(1), mine);
        assertEquals(Double.doubleToRawLongBits(r.values().get(0) + r.values().get(1) + r.values().get(2)),
                Double.doubleToRawLongBits(sum));
        for (int i = 0; i < mine.length; i++) {
            for (int j = 0; j < mine[i].length; j++) {
                double expected = r.arrays().get(0).get(i)[j] + r.arrays().get(1).get(i)[j]
                        + r.arrays().get(2).get(i)[j];
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(mine[i][j]));
            }
        }
        assertEquals(8 * DoubleMessage.doubles(mine), exchange.largestMessage());
    }

    @Test
    void aMessageCarriesEveryBitOfItsValues() {
        double[][] values = {{-0.0, Double.MIN_VALUE, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L)}};
        double[][] read = {new double[4]};
        double value = DoubleMessage.decodeInto(DoubleMessage.encode(Math.PI, values), 0, read, false);
        assertEquals(Math.PI, value);
        for (int j = 0; j < 4; j++) {
            assertEquals(Double.doubleToRawLongBits(values[0][j]), Double.doubleToRawLongBits(read[0][j]));
        }
    }

    @Test
    void aMessageOfAnotherModelIsRefused() {
        String other = DoubleMessage.encode(1, new double[][] {new double[3]});
        UnrollException e = assertThrows(UnrollException.class,
                () -> DoubleMessage.decodeInto(other, 1, new double[][] {new double[5]}, true));
        assertEquals("the message of data-parallel worker 1 holds 4 values, but this worker exchanges 6; every"
                + " worker must train the same model (same --cell, --hidden, --layers and corpus)", e.getMessage());
    }
}
