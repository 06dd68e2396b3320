package dev.unroll.spark.parallel;

import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import java.io.Serializable;
import java.util.List;

/**
 * The token ids of a prepared text and its vocabulary, broadcast once to every executor: each worker reads the
 * whole stream and builds the same global minibatches, of which it trains its rows.
 *
 * @param train the training split's ids
 * @param validation the validation split's ids (empty for none)
 * @param vocabulary the tokens by id
 */
public record SharedText(int[] train, int[] validation, List<String> vocabulary) implements Serializable {

    /** The ids and vocabulary of {@code data}. */
    public static SharedText of(TextData data) {
        return new SharedText(data.train(), data.validation(), List.copyOf(data.vocab().tokens()));
    }

    /** The training minibatches of {@code spec}, the same on every worker. */
    Minibatches trainBatches(ParallelSpec spec) {
        return Minibatches.of("the training split (" + train.length + " tokens)", train, spec.batch(), spec.steps(),
                spec.sampling(), spec.seed());
    }

    /** The validation minibatches of {@code spec}, sequential as on one machine, or {@code null} without a split. */
    Minibatches validationBatches(ParallelSpec spec) {
        return validation.length == 0 ? null : Minibatches.of("the validation split (" + validation.length
                + " tokens)", validation, spec.batch(), spec.steps(), Sampling.SEQUENTIAL, spec.seed());
    }
}
