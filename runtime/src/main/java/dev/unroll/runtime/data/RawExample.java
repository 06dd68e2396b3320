package dev.unroll.runtime.data;

import java.util.List;

/**
 * One parsed line before encoding: where it came from, its tokens and its target fields (one class label, one
 * label per token, groups of comma-separated numbers, or none for a language model).
 *
 * @param where the file and line (or array row) it came from, e.g. {@code data.tsv line 3}, for messages
 * @param line the 1-based line (or row) number
 * @param tokens the sequence's tokens, never empty
 * @param targets the target fields: for classify one label, for label one per token, for regress one group of
 *     comma-separated numbers per sequence or per token, for lm none
 */
public record RawExample(String where, int line, List<String> tokens, List<String> targets) {

    public RawExample {
        tokens = List.copyOf(tokens);
        targets = List.copyOf(targets);
    }
}
