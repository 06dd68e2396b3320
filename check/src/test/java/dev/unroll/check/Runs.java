package dev.unroll.check;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

/** Test helpers that run properties hermetically, independent of any -Dunroll.check.* settings. */
final class Runs {

    private Runs() {
    }

    static <T> PropertyFailure failure(Gen<T> gen, long seed, ThrowingConsumer<? super T> property) {
        return assertThrows(PropertyFailure.class,
                () -> PropertyRunner.forAll(gen).seed(seed).withConfig(CheckConfig.defaults()).check(property));
    }

    static <T> List<T> sample(Gen<T> gen, long seed, int tries) {
        List<T> values = new ArrayList<>();
        PropertyRunner.forAll(gen).seed(seed).tries(tries).withConfig(CheckConfig.defaults()).check(values::add);
        return values;
    }
}
