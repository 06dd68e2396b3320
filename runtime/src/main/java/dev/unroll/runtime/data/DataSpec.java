package dev.unroll.runtime.data;

import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.text.Vocab;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to encode examples the way a model was trained on them, saved with the model: the task, the
 * token kind, the token vocabulary (none for numbers), the labels (classify and label) or the target vocabulary
 * (seq2seq) and the target's width and placement.
 *
 * @param task what the model learns
 * @param kind how sequences split into tokens
 * @param vocab the token vocabulary, built from the training data ({@code null} for numbers)
 * @param labels the class labels (classify and label), or for seq2seq the target vocabulary: {@link #BEGIN} and
 *     {@link #END} first, then the target tokens in order of first appearance ({@code null} for regress and lm)
 * @param targetWidth the values of one target: 1 for a label or a token, the group width for regress
 * @param perStep whether there is a target at every step (label, lm, seq2seq, regress per token) or one per
 *     sequence
 * @param inputWidth the values of one step's input: 1 for a token, the features of a step of numbers
 */
public record DataSpec(Task task, TokenKind kind, Vocab vocab, Labels labels, int targetWidth, boolean perStep,
                       int inputWidth) {

    /** The target token a decoder starts from: its first input, never a target. */
    public static final String BEGIN = "<bos>";
    /** The target token that ends a decoded sequence: the decoder's last target. */
    public static final String END = "<eos>";
    /** The index of {@link #BEGIN} in a seq2seq target vocabulary. */
    public static final int BEGIN_INDEX = 0;
    /** The index of {@link #END} in a seq2seq target vocabulary. */
    public static final int END_INDEX = 1;

    public DataSpec {
        Require.notNull(task, "new DataSpec", "task");
        Require.notNull(kind, "new DataSpec", "kind");
        if (kind.categorical() != (vocab != null)) {
            throw new UnrollException("a token vocabulary goes with character or word tokens, and only with them");
        }
        boolean labelled = task == Task.CLASSIFY || task == Task.LABEL || task == Task.SEQ2SEQ;
        if (labelled != (labels != null)) {
            throw new UnrollException("labels go with tasks classify, label and seq2seq, and only with them");
        }
        boolean expectedPerStep = task != Task.CLASSIFY;
        if (task != Task.REGRESS && (targetWidth != 1 || perStep != expectedPerStep)) {
            throw new UnrollException("task " + task.flag() + " has one target value " + (expectedPerStep
                    ? "per step" : "per sequence") + ", got " + targetWidth + (perStep ? " per step" : " per sequence"));
        }
        if (targetWidth < 1) {
            throw new UnrollException("a target has at least 1 value, got " + targetWidth);
        }
        if (inputWidth < 1 || kind.categorical() && inputWidth != 1) {
            throw new UnrollException("a step's input is 1 token or at least 1 number, got " + inputWidth
                    + " values of " + kind.flag());
        }
        if ((task == Task.LM || task == Task.SEQ2SEQ) && !kind.categorical()) {
            throw new UnrollException("task " + task.flag() + " predicts tokens, so it needs --tokens chars or words,"
                    + " got " + kind.flag());
        }
        if (task == Task.SEQ2SEQ && (labels.size() < 3 || !labels.name(BEGIN_INDEX).equals(BEGIN)
                || !labels.name(END_INDEX).equals(END))) {
            throw new UnrollException("a seq2seq target vocabulary starts with " + BEGIN + " and " + END + " and has"
                    + " at least one token after them, got " + labels.names());
        }
    }

    /** Learns the vocabularies and the target's shape from the training examples. */
    public static DataSpec learn(List<RawExample> training, Task task, TokenKind kind) {
        Require.noNulls(training, "DataSpec.learn", "training");
        List<String> stream = new ArrayList<>();
        List<String> labelStream = new ArrayList<>();
        for (RawExample e : training) {
            stream.addAll(e.tokens());
            labelStream.addAll(e.targets());
        }
        Vocab vocab = kind.categorical() ? Vocab.build(stream, 1) : null;
        Labels labels = switch (task) {
            case CLASSIFY, LABEL -> Labels.of(labelStream);
            case SEQ2SEQ -> targetVocabulary(training);
            case REGRESS, LM -> null;
        };
        int width = task == Task.REGRESS ? RegressTargets.width(training.get(0)) : 1;
        boolean perStep = switch (task) {
            case CLASSIFY -> false;
            case LABEL, LM, SEQ2SEQ -> true;
            case REGRESS -> training.stream().anyMatch(RegressTargets::perToken);
        };
        int features = kind.categorical() ? 1 : TokenKind.features(training.get(0).tokens().get(0));
        return new DataSpec(task, kind, vocab, labels, width, perStep, features);
    }

    /** {@link #BEGIN}, {@link #END}, then the training targets' tokens in order of first appearance. */
    private static Labels targetVocabulary(List<RawExample> training) {
        List<String> tokens = new ArrayList<>(List.of(BEGIN, END));
        for (RawExample e : training) {
            for (String token : e.targets()) {
                if (token.equals(BEGIN) || token.equals(END)) {
                    throw new UnrollException(e.where() + ": the target holds '" + token + "', which is reserved"
                            + " for the decoder's begin and end of a sequence; write the text without it");
                }
                tokens.add(token);
            }
        }
        return Labels.of(tokens);
    }

    /** The number of model outputs: the labels, the vocabulary (lm) or the target width (regress). */
    public int outputs() {
        return switch (task) {
            case CLASSIFY, LABEL, SEQ2SEQ -> labels.size();
            case LM -> vocab.size();
            case REGRESS -> targetWidth;
        };
    }

    /** The model's input (an encoder's, for seq2seq): one-hot tokens, or the numbers as real-valued features. */
    public Encoding encoding() {
        return kind.categorical() ? Encoding.oneHot(vocab.size()) : Encoding.features(inputWidth);
    }

    /** A seq2seq decoder's input: its own previous target token (or {@link #BEGIN}), one-hot. */
    public Encoding targetEncoding() {
        if (task != Task.SEQ2SEQ) {
            throw new UnrollException("only task seq2seq has a target encoding (a decoder's input), not "
                    + task.flag());
        }
        return Encoding.oneHot(labels.size());
    }

    /** The model's head: on the last step for one target per sequence, else on every step. */
    public Head head() {
        return perStep ? Head.everyStep(outputs()) : Head.lastStep(outputs());
    }

    /** The model's loss: mean squared error for regress, softmax cross-entropy otherwise. */
    public Loss loss() {
        return task == Task.REGRESS ? Loss.MEAN_SQUARED_ERROR : Loss.SOFTMAX_CROSS_ENTROPY;
    }

    /**
     * Encodes examples for training or validation: tokens outside the vocabulary become {@code <unk>}; labels
     * outside the training labels, and targets of another shape, fail naming the line.
     */
    public List<Sequence> encode(List<RawExample> examples) {
        List<Sequence> out = new ArrayList<>();
        for (RawExample e : Require.noNulls(examples, "DataSpec.encode", "examples")) {
            out.add(encode(e));
        }
        return List.copyOf(out);
    }

    private Sequence encode(RawExample e) {
        double[] tokens = tokens(e, false);
        if (task == Task.LM) {
            int n = tokens.length - 1;
            return new Sequence(e.where(), n, java.util.Arrays.copyOf(tokens, n),
                    java.util.Arrays.copyOfRange(tokens, 1, n + 1));
        }
        return new Sequence(e.where(), e.tokens().size(), tokens, targets(e));
    }

    /**
     * The inputs of one example for prediction: every token must be in the vocabulary (a model cannot read a
     * token it never saw), and the target, if the line has one, is ignored.
     */
    public Sequence inputs(RawExample e) {
        double[] tokens = tokens(e, true);
        int length = e.tokens().size();
        return new Sequence(e.where(), length, tokens, new double[outputsPerStep(length)]);
    }

    /** The target values of an example to predict: none for seq2seq, whose decoder makes its own length. */
    private int outputsPerStep(int length) {
        if (task == Task.SEQ2SEQ) {
            return 0;
        }
        return perStep ? length * targetWidth : targetWidth;
    }

    private double[] tokens(RawExample e, boolean strict) {
        if (!kind.categorical()) {
            return numbers(e);
        }
        double[] x = new double[e.tokens().size()];
        for (int i = 0; i < x.length; i++) {
            String token = e.tokens().get(i);
            x[i] = vocab.index(token);
            if (strict && x[i] == Vocab.UNKNOWN_INDEX) {
                throw new UnrollException(e.where() + ": token '" + token + "' (token " + (i + 1) + ") was not in"
                        + " the training data; the model has no input for it, so remove it or retrain with data"
                        + " that has it");
            }
        }
        return x;
    }

    /** The features of every step, {@code inputWidth} each. */
    private double[] numbers(RawExample e) {
        double[] x = new double[e.tokens().size() * inputWidth];
        for (int i = 0; i < e.tokens().size(); i++) {
            String[] features = e.tokens().get(i).split(TokenKind.FEATURE_SEPARATOR, -1);
            if (features.length != inputWidth) {
                throw new UnrollException(e.where() + ": token " + (i + 1) + " has " + features.length
                        + " features, but the training data has " + inputWidth + " per step; give every step as many");
            }
            for (int f = 0; f < inputWidth; f++) {
                x[i * inputWidth + f] = RegressTargets.number(e.where(), "token " + (i + 1), features[f]);
            }
        }
        return x;
    }

    private double[] targets(RawExample e) {
        return switch (task) {
            case CLASSIFY, LABEL -> {
                double[] y = new double[e.targets().size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = labels.index(e.targets().get(i), e.where());
                }
                yield y;
            }
            case SEQ2SEQ -> targetTokens(e);
            case REGRESS -> regressTargets(e);
            case LM -> throw new IllegalStateException("lm targets are the next tokens");
        };
    }

    /** The target vocabulary indices of a seq2seq target, without {@link #BEGIN} and {@link #END}. */
    private double[] targetTokens(RawExample e) {
        double[] y = new double[e.targets().size()];
        for (int i = 0; i < y.length; i++) {
            String token = e.targets().get(i);
            int index = labels.find(token);
            if (index < 0 || index == BEGIN_INDEX || index == END_INDEX) {
                throw new UnrollException(e.where() + ": target token '" + token + "' (target token " + (i + 1)
                        + ") was not in the training targets; the decoder cannot emit it, so remove the example or"
                        + " train with data that has it");
            }
            y[i] = index;
        }
        return y;
    }

    private double[] regressTargets(RawExample e) {
        int groups = e.targets().size();
        if (RegressTargets.width(e) != targetWidth || groups != (perStep ? e.tokens().size() : 1)) {
            throw new UnrollException(e.where() + ": the target has " + groups + " group(s) of "
                    + RegressTargets.width(e) + " numbers, but the model was trained on " + (perStep ? "one group"
                    + " per token" : "one group per sequence") + " of " + targetWidth + "; give targets of that"
                    + " shape");
        }
        double[] y = new double[groups * targetWidth];
        for (int g = 0; g < groups; g++) {
            String[] numbers = e.targets().get(g).split(",", -1);
            for (int i = 0; i < numbers.length; i++) {
                y[g * targetWidth + i] = Double.parseDouble(numbers[i]);
            }
        }
        return y;
    }
}
