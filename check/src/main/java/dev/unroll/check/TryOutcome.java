package dev.unroll.check;

import java.util.function.Function;
import org.opentest4j.TestAbortedException;

/**
 * The result of running a property once on the value generated from one choice sequence.
 *
 * @param status whether the try passed, failed or was rejected
 * @param choices the choices the generator actually consumed
 * @param failure what the property (or generator) threw, when it failed
 */
record TryOutcome(Status status, long[] choices, Throwable failure) {

    /** How one try ended. */
    enum Status { PASSED, FAILED, REJECTED }

    boolean failed() {
        return status == Status.FAILED;
    }

    /** Generates a value from {@code choices} and checks it; a thrown assumption or rejection rejects the try. */
    static <T> TryOutcome run(Gen<T> gen, ThrowingConsumer<? super T> property, RecordedChoices choices) {
        T value;
        try {
            value = gen.generate(choices);
        } catch (GenerationRejected | TestAbortedException rejected) {
            return new TryOutcome(Status.REJECTED, choices.recorded(), rejected);
        } catch (Throwable generatorFailure) {
            return new TryOutcome(Status.FAILED, choices.recorded(), generatorFailure);
        }
        try {
            property.accept(value);
            return new TryOutcome(Status.PASSED, choices.recorded(), null);
        } catch (TestAbortedException assumptionFailed) {
            return new TryOutcome(Status.REJECTED, choices.recorded(), assumptionFailed);
        } catch (Throwable counterexample) {
            return new TryOutcome(Status.FAILED, choices.recorded(), counterexample);
        }
    }

    /** Regenerates the value of a choice sequence for reporting; values may have been mutated by the property. */
    static <T> String describe(Gen<T> gen, long[] choices, Function<Object, String> format) {
        try {
            return format.apply(gen.generate(RecordedChoices.replaying(choices)));
        } catch (RuntimeException | Error generatorFailure) {
            return "<the generator threw before producing a value: " + generatorFailure + ">";
        }
    }
}
