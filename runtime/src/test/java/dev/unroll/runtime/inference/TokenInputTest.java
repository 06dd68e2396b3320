package dev.unroll.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.model.Encoding;
import dev.unroll.dsl.core.UnrollException;
import org.junit.jupiter.api.Test;

/** {@code --embedding}: tokens become an embedding of that width, numbers cannot. */
class TokenInputTest {

    @Test
    void tokensAreLookedUpAndNumbersAreRefused() {
        assertEquals(Encoding.oneHot(7), TokenInput.encoding(Encoding.oneHot(7), 0));
        assertEquals(Encoding.embedding(7, 3), TokenInput.encoding(Encoding.oneHot(7), 3));
        assertEquals(Encoding.features(2), TokenInput.encoding(Encoding.features(2), 0));
        assertEquals("--embedding 3 looks tokens up, but the data holds numbers, not tokens; leave --embedding out",
                assertThrows(UnrollException.class, () -> TokenInput.encoding(Encoding.features(2), 3)).getMessage());
    }
}
