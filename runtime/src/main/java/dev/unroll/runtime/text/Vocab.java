package dev.unroll.runtime.text;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A token vocabulary: {@code <unk>} at index 0, then the tokens by decreasing frequency, ties broken by first
 * occurrence in the text (as d2l's {@code Vocab}, whose stable sort keeps {@code Counter}'s insertion order).
 * Immutable; {@link #tokens()} and {@link #fromTokens} save and restore it exactly.
 */
public final class Vocab {

    /** The unknown token, always at index {@value #UNKNOWN_INDEX}. */
    public static final String UNKNOWN = "<unk>";
    /** The index of {@link #UNKNOWN}. */
    public static final int UNKNOWN_INDEX = 0;

    private final List<String> tokens;
    private final Map<String, Integer> indices;

    private Vocab(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            map.put(this.tokens.get(i), i);
        }
        this.indices = Collections.unmodifiableMap(map);
    }

    /**
     * Builds a vocabulary from a token stream, keeping tokens seen at least {@code minFrequency} times (1 keeps
     * them all); rarer tokens, and a literal {@code <unk>} token, map to {@code <unk>}.
     */
    public static Vocab build(List<String> stream, int minFrequency) {
        Require.noNulls(stream, "Vocab.build", "stream");
        if (minFrequency < 1) {
            throw new UnrollException("Vocab.build: the minimum frequency must be >= 1 (1 keeps every token), got "
                    + minFrequency + "; pass 1 or more");
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String token : stream) {
            counts.computeIfAbsent(token, t -> new int[1])[0]++;
        }
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        // List.sort is stable, so equal counts keep first-occurrence order.
        entries.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        List<String> tokens = new ArrayList<>();
        tokens.add(UNKNOWN);
        for (Map.Entry<String, int[]> e : entries) {
            if (e.getValue()[0] >= minFrequency && !e.getKey().equals(UNKNOWN)) {
                tokens.add(e.getKey());
            }
        }
        return new Vocab(tokens);
    }

    /** Restores a vocabulary saved with {@link #tokens()}: {@code <unk>} first, no duplicates, no nulls. */
    public static Vocab fromTokens(List<String> tokens) {
        Require.noNulls(tokens, "Vocab.fromTokens", "tokens");
        if (tokens.isEmpty() || !UNKNOWN.equals(tokens.get(0))) {
            throw new UnrollException("Vocab.fromTokens: a saved vocabulary starts with " + UNKNOWN + ", but got "
                    + (tokens.isEmpty() ? "an empty list" : "'" + tokens.get(0) + "' first")
                    + "; pass the list returned by Vocab.tokens()");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token == null) {
                throw new UnrollException("Vocab.fromTokens: token " + i + " is null; pass the list returned by"
                        + " Vocab.tokens()");
            }
            Integer previous = seen.put(token, i);
            if (previous != null) {
                throw new UnrollException("Vocab.fromTokens: tokens must be distinct, but '" + token
                        + "' appears at " + previous + " and " + i + "; pass the list returned by Vocab.tokens()");
            }
        }
        return new Vocab(tokens);
    }

    /** All tokens, index order; {@code fromTokens(tokens())} restores an equal vocabulary. */
    public List<String> tokens() {
        return tokens;
    }

    /** The number of tokens, {@code <unk>} included. */
    public int size() {
        return tokens.size();
    }

    /** The index of {@code token}, or {@value #UNKNOWN_INDEX} when it is not in the vocabulary. */
    public int index(String token) {
        return indices.getOrDefault(token, UNKNOWN_INDEX);
    }

    /** The token at {@code index}. */
    public String token(int index) {
        if (index < 0 || index >= tokens.size()) {
            throw new UnrollException("Vocab.token: index " + index + " is outside the vocabulary [0, "
                    + tokens.size() + "); use an index produced by this vocabulary");
        }
        return tokens.get(index);
    }

    /** The indices of {@code stream}, unknown tokens as {@value #UNKNOWN_INDEX}. */
    public int[] encode(List<String> stream) {
        int[] ids = new int[stream.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = index(stream.get(i));
        }
        return ids;
    }

    /** The tokens of {@code ids}. */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(token(id));
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vocab v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocab" + (tokens.size() <= 40 ? tokens.toString() : "(" + tokens.size() + " tokens)");
    }
}
