package dev.unroll.runtime.text;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The hand-written grammar of {@link BuiltinCorpus}: a time traveller's journal in the past tense (so verbs need no
 * agreement), with word lists chosen so that every letter of the alphabet occurs.
 */
final class JournalGrammar {

    private static final List<String> SUBJECTS = List.of("the time traveller", "the psychologist",
            "the medical man", "the provincial mayor", "the very young man", "the editor", "the journalist",
            "my friend", "the old gardener", "a quiet stranger", "the little weena", "I", "we", "they",
            "the silent guide", "the time traveller", "the time traveller");
    private static final List<String> TRANSITIVE = List.of("saw", "found", "watched", "examined", "carried",
            "mended", "polished", "opened", "followed", "questioned", "lost", "remembered", "studied", "measured",
            "packed", "drew", "kept", "heard", "touched", "admired", "feared", "quietly adjusted", "picked up",
            "described", "explained", "hid", "showed us", "wrapped", "weighed", "sketched");
    private static final List<String> OBJECTS = List.of("the machine", "the brass lever", "a crystal bar",
            "the quartz rods", "an ivory handle", "the old clock", "a box of matches", "a dozen candles",
            "the jagged stone", "a velvet cloth", "the white sphinx", "a bronze door", "the pale flowers",
            "a map of the valley", "the journal", "the little lamp", "an exquisite chair", "the model",
            "a heavy iron bar", "the broken saddle", "a handful of seeds", "the dusty glass", "a strange fruit",
            "the cold metal", "an unknown book", "the lantern", "the clock on the mantel", "a bundle of ferns");
    private static final List<String> PLACES = List.of("in the laboratory", "near the river",
            "beside the white sphinx", "under the azure dome", "across the hazy valley", "inside the great hall",
            "by the fire", "on the hill", "beyond the ruined palace", "at the edge of the forest",
            "in the dark well", "among the ferns", "in the smoking room", "behind the bronze panels",
            "along the quiet road", "at the top of the stairs", "below the broken tower", "in the garden");
    private static final List<String> TIMES = List.of("at dawn", "in the morning", "at noon", "in the evening",
            "at midnight", "before sunrise", "long after sunset", "on the next day", "years later",
            "a moment afterwards", "in the year eight hundred thousand", "some time ago", "that thursday",
            "just before dinner", "during the storm", "after a while");
    private static final List<String> INTRANSITIVE = List.of("walked", "waited", "slept", "laughed",
            "shivered", "hesitated", "travelled", "vanished", "returned", "listened", "wandered", "paused",
            "smiled", "worked", "trembled", "sat down", "looked back", "stood up");
    private static final List<String> ADVERBS = List.of("slowly", "quietly", "quickly", "silently", "eagerly",
            "anxiously", "gravely", "suddenly", "carefully", "lazily", "happily", "wearily", "for a long time");
    private static final List<String> ADJECTIVES = List.of("strange", "quiet", "vivid", "hazy", "ancient",
            "jagged", "cold", "bright", "exquisite", "dusty", "frozen", "gentle", "enormous", "puzzling", "weary",
            "lucid", "dark", "warm", "silent", "beautiful", "empty", "grey");
    private static final List<String> NOUNS = List.of("machine", "future", "valley", "sky", "night", "garden",
            "river", "palace", "journey", "air", "light", "moon", "silence", "world", "city", "sun", "room",
            "fourth dimension", "time", "forest");
    private static final List<String> SAYINGS = List.of("It is absurd", "Come and see", "Time is only a kind of space",
            "I have travelled through time", "Where is the machine", "You must believe me", "We are puzzled",
            "Just look at it", "Quick, light the lamp", "Nonsense", "It is a question of the fourth dimension",
            "Clearly, any real body must have extension in four directions", "Did you really go",
            "I was amazed by what I saw", "Give me a glass of wine");
    private static final List<String> SPEAKERS = List.of("said the psychologist", "cried the editor",
            "asked the medical man", "answered the time traveller", "whispered the very young man",
            "replied my friend", "said the time traveller", "murmured the journalist");
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
            "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth");

    private final SplittableRandom rng;

    JournalGrammar(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** A chapter heading for the {@code index}-th entry (0-based). */
    String heading(int index) {
        return index < ORDINALS.size()
                ? "The " + ORDINALS.get(index) + " day of the journey"
                : "Another day of the journey";
    }

    /** A paragraph of three to six sentences. */
    String paragraph() {
        int sentences = 3 + rng.nextInt(4);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            out.append(i == 0 ? "" : " ").append(sentence());
        }
        return out.toString();
    }

    private String sentence() {
        return switch (rng.nextInt(8)) {
            case 0 -> capitalize(pick(TIMES) + ", " + pick(SUBJECTS) + " " + pick(TRANSITIVE) + " "
                    + pick(OBJECTS) + " " + pick(PLACES)) + ".";
            case 1 -> capitalize(pick(SUBJECTS) + " " + pick(INTRANSITIVE) + " " + pick(ADVERBS) + " "
                    + pick(PLACES)) + ".";
            case 2 -> capitalize(pick(SUBJECTS) + " " + pick(TRANSITIVE) + " " + pick(OBJECTS) + ", and "
                    + pick(SUBJECTS) + " " + pick(INTRANSITIVE) + " " + pick(ADVERBS)) + ".";
            case 3 -> "\u201C" + pick(SAYINGS) + (rng.nextInt(4) == 0 ? "!" : ",") + "\u201D " + pick(SPEAKERS)
                    + ".";
            case 4 -> "I thought that the " + pick(NOUNS) + " was " + pick(ADJECTIVES) + " and "
                    + pick(ADJECTIVES) + ".";
            case 5 -> capitalize(pick(SUBJECTS) + " " + pick(TRANSITIVE) + " " + pick(OBJECTS) + " "
                    + pick(TIMES)) + ".";
            case 6 -> "The " + pick(NOUNS) + " was " + pick(ADJECTIVES) + ", and " + pick(SUBJECTS) + " "
                    + pick(INTRANSITIVE) + " " + pick(ADVERBS) + ".";
            default -> capitalize(pick(SUBJECTS) + " " + pick(TRANSITIVE) + " " + pick(OBJECTS)
                    + " because the " + pick(NOUNS) + " was " + pick(ADJECTIVES)) + ".";
        };
    }

    private String pick(List<String> words) {
        return words.get(rng.nextInt(words.size()));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
