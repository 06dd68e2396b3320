package dev.unroll.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketsTest {

    private static List<Sequence> sequences(List<Integer> lengths) {
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            double[] x = new double[lengths.get(i)];
            Arrays.fill(x, i);
            out.add(new Sequence("s" + i, lengths.get(i), x, new double[] {i}));
        }
        return out;
    }

    private static final DataSpec SPEC = new DataSpec(Task.REGRESS, TokenKind.NUMBERS, null, null, 1, false, 1);

    @Test
    void everyExampleAppearsOncePerEpochInBatchesOfEqualLength() {
        PropertyRunner.forAll(Gens.lists(Gens.integers(1, 6), 1, 40), Gens.integers(1, 7)).tries(200).seed(3)
                .check(args -> {
                    List<Sequence> data = sequences(args.first());
                    Buckets buckets = new Buckets(data, SPEC, args.second());
                    for (int epoch = 0; epoch < 3; epoch++) {
                        int[] seen = new int[data.size()];
                        for (SequenceBatch b : buckets.epoch(7, epoch)) {
                            assertTrue(b.batch() <= args.second());
                            assertTrue(b.full(), "rows of one length per batch");
                            for (int r = 0; r < b.batch(); r++) {
                                int row = b.rows()[r];
                                seen[row]++;
                                assertEquals(data.get(row).length(), b.lengths()[r]);
                                assertEquals(row, b.x()[0][r]);
                                assertEquals(row, b.y()[b.steps() - 1][r]);
                            }
                        }
                        for (int count : seen) {
                            assertEquals(1, count);
                        }
                    }
                });
    }

    @Test
    void batchesAreDeterministicForASeedAndChangeWithTheEpoch() {
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lengths.add(1 + i % 3);
        }
        Buckets buckets = new Buckets(sequences(lengths), SPEC, 4);
        assertEquals(rows(buckets.epoch(5, 2)), rows(new Buckets(sequences(lengths), SPEC, 4).epoch(5, 2)));
        assertNotEquals(rows(buckets.epoch(5, 2)), rows(buckets.epoch(5, 3)));
        assertNotEquals(rows(buckets.epoch(5, 2)), rows(buckets.epoch(6, 2)));
    }

    private static List<List<Integer>> rows(List<SequenceBatch> batches) {
        List<List<Integer>> out = new ArrayList<>();
        for (SequenceBatch b : batches) {
            out.add(Arrays.stream(b.rows()).boxed().toList());
        }
        return out;
    }

    @Test
    void aSeededHoldOutIsRepeatableAndDisjoint() {
        List<RawExample> examples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            examples.add(new RawExample("f", i + 1, List.of("a"), List.of("x")));
        }
        Split split = Split.holdOut(examples, 0.1, 9);
        assertEquals(5, split.validation().size());
        assertEquals(45, split.training().size());
        assertEquals(split, Split.holdOut(examples, 0.1, 9));
        assertTrue(split.training().stream().noneMatch(split.validation()::contains));
    }
}
