package dev.unroll.runtime.train;

import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.Buckets;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.data.SequenceBatch;
import dev.unroll.runtime.data.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained seq2seq model's greedy decodings, one line per source in data order: the decoder starts from {@code
 * <bos>} and feeds back its most likely token until it emits {@code <eos>} or reaches the longest allowed target.
 */
public final class GreedyDecoder {

    private final ProgramExecutor executor;
    private final DataSpec spec;

    /** Decodes with {@code executor}, whose parameters are set, for sources encoded by {@code spec}. */
    public GreedyDecoder(ProgramExecutor executor, DataSpec spec) {
        this.executor = Require.notNull(executor, "new GreedyDecoder", "executor");
        this.spec = Require.notNull(spec, "new GreedyDecoder", "spec");
        if (spec.task() != Task.SEQ2SEQ) {
            throw new UnrollException("greedy decoding is for task seq2seq, got " + spec.task().flag()
                    + "; use TaskPredictions");
        }
    }

    /**
     * The decoding of every source, its tokens joined as the data's tokens are (characters as they are, words by
     * spaces), in the order given; each at most {@code maxLength} tokens.
     */
    public List<String> decode(List<Sequence> sources, int maxLength) {
        Require.noNulls(sources, "GreedyDecoder.decode", "sources");
        if (maxLength < 1) {
            throw new UnrollException("a decoding may hold at least 1 token, got a longest length of " + maxLength);
        }
        String[] lines = new String[sources.size()];
        for (SequenceBatch b : new Buckets(sources, spec, executor.maxBatch()).inOrder()) {
            int[][] decoded = executor.greedy(b.source(), b.sourceLengthsIfPadded(), b.batch(),
                    DataSpec.BEGIN_INDEX, DataSpec.END_INDEX, maxLength);
            for (int r = 0; r < b.batch(); r++) {
                lines[b.rows()[r]] = text(decoded[r]);
            }
        }
        return Arrays.asList(lines);
    }

    private String text(int[] tokens) {
        List<String> out = new ArrayList<>(tokens.length);
        for (int token : tokens) {
            out.add(spec.labels().name(token));
        }
        return String.join(spec.kind().separator(), out);
    }
}
