package dev.unroll.runtime.data;

import dev.unroll.dsl.core.Require;
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
        return isNpz(file) ? NpzData.read(file, task, true) : new Examples(kind, LineFormat.read(file, kind, task));
    }

    /** The sequences of {@code file} for prediction (targets, if any, are not read). */
    public static Examples inputs(Path file, TokenKind kind, Task task) {
        Require.notNull(file, "Examples.inputs", "file");
        return isNpz(file) ? NpzData.read(file, task, false) : new Examples(kind, LineFormat.readInputs(file, kind));
    }
}
