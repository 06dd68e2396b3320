package dev.unroll.runtime.data;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.nio.file.Path;
import java.util.List;

/**
 * The examples of a data file and the token kind they are in: a line file ({@link LineFormat}) in the kind the
 * user names, or an {@code .npz} file ({@link NpzData}) in the kind its {@code x} array implies.
 *
 * @param kind how the examples' tokens are to be read
 * @param list the examples, in file order
 */
public record Examples(TokenKind kind, List<RawExample> list) {

    public Examples {
        Require.notNull(kind, "new Examples", "kind");
        list = List.copyOf(list);
    }

    /** Whether {@code file} is read as {@code .npz}: its name ends so. */
    public static boolean isNpz(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(".npz");
    }

    /** The examples of {@code file} for {@code task}, tokens of a line file read as {@code kind}. */
    public static Examples read(Path file, TokenKind kind, Task task) {
        Require.notNull(file, "Examples.read", "file");
        requireLineFileFor(file, task);
        return isNpz(file) ? NpzData.read(file, task, true) : new Examples(kind, LineFormat.read(file, kind, task));
    }

    /** Task seq2seq reads line files only: its sources and targets are token sequences of their own lengths. */
    private static void requireLineFileFor(Path file, Task task) {
        if (task == Task.SEQ2SEQ && isNpz(file)) {
            throw new UnrollException(file + ": task seq2seq reads a line file of source<TAB>target, not .npz;"
                    + " write the pairs one per line (docs/TASKS.md)");
        }
    }

    /** The sequences of {@code file} for prediction (targets, if any, are not read). */
    public static Examples inputs(Path file, TokenKind kind, Task task) {
        Require.notNull(file, "Examples.inputs", "file");
        requireLineFileFor(file, task);
        return isNpz(file) ? NpzData.read(file, task, false) : new Examples(kind, LineFormat.readInputs(file, kind));
    }
}
