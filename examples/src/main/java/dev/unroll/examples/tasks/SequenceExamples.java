package dev.unroll.examples.tasks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Data sets the project generates for its sequence-task examples, in the line format of docs/TASKS.md, the same
 * for a seed on every machine: a counting rule to classify, sentences of a small grammar to tag, and dates to
 * translate from words into ISO 8601.
 */
public final class SequenceExamples {

    private static final List<String> DETERMINERS = List.of("the", "a", "every", "this");
    private static final List<String> ADJECTIVES = List.of("old", "small", "quiet", "bright", "brass", "pale");
    private static final List<String> NOUNS = List.of("traveller", "machine", "lever", "clock", "garden",
            "lamp", "river", "guide");
    private static final List<String> VERBS = List.of("saw", "found", "mended", "carried", "heard", "kept");
    private static final List<String> INTRANSITIVE = List.of("slept", "waited", "vanished", "returned");
    private static final List<String> ADVERBS = List.of("slowly", "quietly", "again", "today");
    private static final List<String> PREPOSITIONS = List.of("near", "under", "beside");
    // Words that are a noun in one place and a verb in another: their tag depends on the word before.
    private static final List<String> AMBIGUOUS = List.of("light", "watch", "lock", "ring");
    // Materials that are an adjective before a noun and a noun at the end of a phrase: their tag depends on the
    // word after, which only a bidirectional model reads in time.
    private static final List<String> MATERIALS = List.of("brass", "iron", "glass", "stone");

    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");
    /** The first and last day of {@link #dates}: a century, so the year is not one to memorize. */
    private static final LocalDate FIRST_DATE = LocalDate.of(1950, 1, 1);
    private static final LocalDate LAST_DATE = LocalDate.of(2049, 12, 31);

    private SequenceExamples() {
    }

    /** The longest string of {@link #counting}. */
    static final int LONGEST_COUNT = 40;

    /**
     * {@code count} strings of 'a' and 'b', 2 to {@value #LONGEST_COUNT} characters, each labelled with the letter
     * that occurs more often, or {@code tie}: the label needs counting over the whole sequence.
     */
    public static List<String> counting(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 2 + rng.nextInt(LONGEST_COUNT - 1);
            StringBuilder s = new StringBuilder();
            int balance = 0;
            for (int t = 0; t < length; t++) {
                boolean a = rng.nextBoolean();
                s.append(a ? 'a' : 'b');
                balance += a ? 1 : -1;
            }
            lines.add(s + "\t" + (balance > 0 ? "a" : balance < 0 ? "b" : "tie"));
        }
        return lines;
    }

    /**
     * {@code count} sentences of a small grammar, each word tagged with its part of speech (DET, ADJ, NOUN, VERB,
     * ADV, PREP); the words of {@link #AMBIGUOUS} are nouns after a determiner or adjective and verbs after a
     * noun, and those of {@link #MATERIALS} adjectives before a noun and nouns otherwise, so a tagger must read the
     * context on both sides.
     */
    public static List<String> tagging(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> words = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            nounPhrase(rng, words, tags);
            if (rng.nextInt(3) == 0) {
                add(words, tags, pick(rng, INTRANSITIVE), "VERB");
            } else {
                add(words, tags, pick(rng, rng.nextInt(3) == 0 ? AMBIGUOUS : VERBS), "VERB");
                nounPhrase(rng, words, tags);
            }
            if (rng.nextInt(3) == 0) {
                add(words, tags, pick(rng, PREPOSITIONS), "PREP");
                nounPhrase(rng, words, tags);
            }
            if (rng.nextInt(3) == 0) {
                add(words, tags, pick(rng, ADVERBS), "ADV");
            }
            lines.add(String.join(" ", words) + "\t" + String.join(" ", tags));
        }
        return lines;
    }

    /**
     * {@code count} dates from 1950 to 2049, each written in words, as {@code march 5, 2021} or {@code 5 march
     * 2021}, and translated into ISO 8601, {@code 2021-03-05}: a seq2seq model must map the month's name to its
     * number, copy the year and pad the day, in another order than the source's.
     */
    public static List<String> dates(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        long days = LAST_DATE.toEpochDay() - FIRST_DATE.toEpochDay() + 1;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate d = LocalDate.ofEpochDay(FIRST_DATE.toEpochDay() + rng.nextLong(days));
            String month = MONTHS.get(d.getMonthValue() - 1);
            String words = rng.nextBoolean() ? month + " " + d.getDayOfMonth() + ", " + d.getYear()
                    : d.getDayOfMonth() + " " + month + " " + d.getYear();
            lines.add(words + "\t" + d);
        }
        return lines;
    }

    private static void nounPhrase(SplittableRandom rng, List<String> words, List<String> tags) {
        add(words, tags, pick(rng, DETERMINERS), "DET");
        if (rng.nextInt(4) == 0) {
            add(words, tags, pick(rng, MATERIALS), "NOUN");
            return;
        }
        if (rng.nextBoolean()) {
            add(words, tags, pick(rng, rng.nextBoolean() ? MATERIALS : ADJECTIVES), "ADJ");
        }
        add(words, tags, pick(rng, rng.nextInt(3) == 0 ? AMBIGUOUS : NOUNS), "NOUN");
    }

    private static void add(List<String> words, List<String> tags, String word, String tag) {
        words.add(word);
        tags.add(tag);
    }

    private static String pick(SplittableRandom rng, List<String> words) {
        return words.get(rng.nextInt(words.size()));
    }
}
