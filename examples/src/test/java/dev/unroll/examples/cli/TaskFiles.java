package dev.unroll.examples.cli;

import dev.unroll.examples.tasks.SequenceExamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The data files of the sequence-task rows of {@link MisuseTest}, and those rows. */
final class TaskFiles {

    private TaskFiles() {
    }

    /** Writes a good classification file and one file per kind of malformed data into {@code dir}. */
    static void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("count.tsv"), String.join("\n", SequenceExamples.counting(3, 60)) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("no-tab.tsv"), "ab\ta\nab\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("empty.tsv"), "ab\ta\n\tb\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tags.tsv"), "the cat\tDET NOUN\nthe old cat\tDET NOUN\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("numbers.tsv"), "1,2\t0.5\n3,4\thigh\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("new-label.tsv"), "ab\tnone\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("unknown.tsv"), "abc\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("pairs.tsv"), "5 march 2021\t2021-03-05\nmarch 6, 2021\t\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("pairs.npz"), "not read\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("dates.tsv"), String.join("\n", SequenceExamples.dates(3, 20)) + "\n",
                StandardCharsets.UTF_8);
    }

    /** Rows of name, message and arguments ({@code {dir}} is the folder). */
    static List<List<String>> misuse() {
        List<List<String>> rows = new ArrayList<>();
        String data = "{dir}/count.tsv";
        rows.add(List.of("an unknown task", "--task must be classify, label, regress, lm or seq2seq, got 'sort'",
                "train", "--task", "sort", "--data", data));
        rows.add(List.of("a task without data", "--task classify needs --data FILE with one example per line",
                "train", "--task", "classify"));
        rows.add(List.of("a language model with --data", "--task lm reads --text FILE (or the built-in --corpus)",
                "train", "--data", data));
        rows.add(List.of("a task with --text", "--text is the corpus of --task lm; --task classify reads --data"
                + " FILE", "train", "--task", "classify", "--data", data, "--text", "{dir}/demo.txt"));
        rows.add(List.of("an unknown schedule", "--lr-schedule must be constant, step:EVERY:FACTOR (EVERY ≥ 1"
                + " epochs, FACTOR > 0) or cosine, got 'linear'", "train", "--task", "classify", "--data", data,
                "--lr-schedule", "linear"));
        rows.add(List.of("a step schedule of 0 epochs", "a step schedule needs every ≥ 1 epoch and a finite factor"
                + " > 0, got every 0", "train", "--task", "classify", "--data", data, "--lr-schedule", "step:0:0.5"));
        rows.add(List.of("a negative patience", "--early-stopping must be an integer from 0 to 1000000, got -1",
                "train", "--task", "classify", "--data", data, "--early-stopping", "-1"));
        rows.add(List.of("early stopping without validation", "--early-stopping watches the validation metric,"
                + " but --validation is 0", "train", "--task", "classify", "--data", data, "--early-stopping", "2",
                "--validation", "0"));
        rows.add(List.of("early stopping of a language model without validation", "--early-stopping watches the"
                + " validation metric, but --validation is 0", "train", "--text", "{dir}/demo.txt", "--early-stopping",
                "2", "--validation", "0"));
        rows.add(List.of("resuming with another schedule", "{dir}/good.ckpt was trained with lr_schedule ="
                + " constant, but this run asks for cosine; pass the same flags to resume", "train", "--text",
                "{dir}/demo.txt", "--hidden", "8", "--steps", "5", "--batch", "4", "--threads", "1", "--epochs", "2",
                "--checkpoint", "{dir}/good.ckpt", "--resume", "--lr-schedule", "cosine", "--plot", "{dir}/new.svg"));
        rows.add(List.of("resuming a task with mixed lengths", "{dir}/task.ckpt was trained without"
                + " --mixed-lengths (minibatches of one length each), but this run gives it; drop --mixed-lengths to"
                + " resume", "train", "--task", "classify", "--data", data, "--hidden", "4", "--epochs", "2",
                "--batch", "8", "--threads", "1", "--checkpoint", "{dir}/task.ckpt", "--resume", "--mixed-lengths"));
        rows.add(List.of("a language model of numbers", "--tokens numbers is for --task classify, label or regress",
                "train", "--text", "{dir}/demo.txt", "--tokens", "numbers"));
        rows.add(List.of("a checkpoint over the data", "--checkpoint " + data + " is the same file as --data " + data,
                "train", "--task", "classify", "--data", data, "--checkpoint", data));
        rows.add(List.of("a line without a tab", "{dir}/no-tab.tsv line 2: no tab; task classify needs"
                + " sequence<TAB>target on every line", "train", "--task", "classify", "--data", "{dir}/no-tab.tsv"));
        rows.add(List.of("an empty sequence", "{dir}/empty.tsv line 2: the sequence is empty", "train", "--task",
                "classify", "--data", "{dir}/empty.tsv"));
        rows.add(List.of("fewer labels than tokens", "{dir}/tags.tsv line 2: task label needs one label per token,"
                + " but the sequence has 3 tokens and the target 2 labels; give exactly 3", "train", "--task", "label",
                "--tokens", "words", "--data", "{dir}/tags.tsv"));
        rows.add(List.of("a word as a regression target", "{dir}/numbers.tsv line 2: target number 1 of group 1 is"
                + " 'high', not a number", "train", "--task", "regress", "--tokens", "numbers", "--data",
                "{dir}/numbers.tsv"));
        rows.add(List.of("labels as a classification target", "{dir}/tags.tsv line 1: task classify takes one"
                + " label per sequence, but the target has 2 space-separated labels; use --task label", "train",
                "--task", "classify", "--tokens", "words", "--data", "{dir}/tags.tsv"));
        rows.add(List.of("a validation label never trained", "{dir}/new-label.tsv line 1: label 'none' was not in"
                + " the training data", "train", "--task", "classify", "--data", data, "--validation-data",
                "{dir}/new-label.tsv"));
        rows.add(List.of("predicting an unknown token", "{dir}/unknown.tsv line 1: token 'c' (token 3) was not in"
                + " the training data", "predict", "--model", "{dir}/task.ckpt", "--data", "{dir}/unknown.tsv"));
        rows.add(List.of("predicting with a language model", "the metadata field 'format' must be"
                + " 'unroll-sequence-model'", "predict", "--model", "{dir}/good.ckpt", "--data", data));
        rows.addAll(seq2seq());
        return rows;
    }

    private static List<List<String>> seq2seq() {
        return List.of(
                List.of("a pair without a target", "{dir}/pairs.tsv line 2: the target after the tab is empty; task"
                        + " seq2seq needs the target sequence's tokens", "train", "--task", "seq2seq", "--data",
                        "{dir}/pairs.tsv"),
                List.of("a pair without a tab", "{dir}/no-tab.tsv line 2: no tab; task seq2seq needs"
                        + " sequence<TAB>target on every line", "train", "--task", "seq2seq", "--data",
                        "{dir}/no-tab.tsv"),
                List.of("a seq2seq of numbers", "task seq2seq reads its source and target as --tokens chars or words,"
                        + " got numbers", "train", "--task", "seq2seq", "--tokens", "numbers", "--data",
                        "{dir}/numbers.tsv"),
                List.of("an unknown example", "the example must be counting, tagging or dates, got 'sorting'",
                        "example", "sorting", "--out", "{dir}/examples"),
                List.of("a seq2seq from .npz", "{dir}/pairs.npz: task seq2seq reads a line file of"
                        + " source<TAB>target, not .npz", "train", "--task", "seq2seq", "--data", "{dir}/pairs.npz"),
                List.of("a seq2seq with a validation target token never trained", "{dir}/count.tsv line 1: target"
                        + " token '", "train", "--task", "seq2seq", "--data", "{dir}/dates.tsv", "--validation-data",
                        "{dir}/count.tsv"));
    }
}
