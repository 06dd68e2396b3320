package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.Encoding;
import dev.unroll.dsl.core.UnrollException;

/** The {@code --embedding} flag: token inputs as one-hot rows, or looked up in a learned embedding. */
final class TokenInput {

    private TokenInput() {
    }

    /** {@code encoding} as it is for {@code embedding} 0; otherwise its tokens looked up in that many features. */
    static Encoding encoding(Encoding encoding, int embedding) {
        if (embedding == 0) {
            return encoding;
        }
        if (encoding instanceof Encoding.OneHot oneHot) {
            return Encoding.embedding(oneHot.vocab(), embedding);
        }
        throw new UnrollException("--embedding " + embedding + " looks tokens up, but the data holds numbers, not"
                + " tokens; leave --embedding out");
    }
}
