package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a command's file flags before it does any work: every output can be written (it is not a directory, and
 * its folder exists or can be created, and is writable) and no output is an input or another output, so that a
 * typo never overwrites the training text or one result with another, and an unwritable path is reported before
 * hours of training rather than after.
 */
final class PathFlags {

    private record Named(String flag, Path path, boolean directory) {
        @Override
        public String toString() {
            return flag + " " + path;
        }
    }

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();

    /** Registers an input file (ignored when {@code path} is null). */
    PathFlags input(String flag, Path path) {
        if (path != null) {
            inputs.add(new Named(flag, path, false));
        }
        return this;
    }

    /** Registers an output file (ignored when {@code path} is null). */
    PathFlags output(String flag, Path path) {
        if (path != null) {
            outputs.add(new Named(flag, path, false));
        }
        return this;
    }

    /** Registers an output folder, created if missing (ignored when {@code path} is null). */
    PathFlags outputFolder(String flag, Path path) {
        if (path != null) {
            outputs.add(new Named(flag, path, true));
        }
        return this;
    }

    /** Throws an {@link UnrollException} naming the first output that cannot be written or collides. */
    void check() {
        for (int i = 0; i < outputs.size(); i++) {
            Named out = outputs.get(i);
            writable(out);
            for (Named in : inputs) {
                if (same(out.path(), in.path())) {
                    throw new UnrollException(out + " is the same file as " + in + "; writing it would destroy the"
                            + " input: give " + out.flag() + " another path");
                }
            }
            for (Named other : outputs.subList(0, i)) {
                if (same(out.path(), other.path())) {
                    throw new UnrollException(out + " is the same file as " + other + "; one result would overwrite"
                            + " the other: give them different paths");
                }
            }
        }
    }

    private static void writable(Named out) {
        Path p = out.path().toAbsolutePath().normalize();
        if (Files.isDirectory(p) && !out.directory()) {
            throw new UnrollException(out + " is a folder; give a file name, e.g. " + p.resolve("out"));
        }
        if (Files.exists(p) && !Files.isDirectory(p) && out.directory()) {
            throw new UnrollException(out + " is a file; give a folder (it is created if missing)");
        }
        Path folder = existingAncestor(out.directory() ? p : p.getParent());
        if (!Files.isDirectory(folder)) {
            throw new UnrollException(out + " cannot be written: " + folder + " is a file, not a folder; give a path"
                    + " inside a folder");
        }
        try {
            // Creating a file proves what isWritable cannot (a read-only file system, or any folder for root).
            Files.delete(Files.createTempFile(folder, ".unroll-probe", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new UnrollException(out + " cannot be written: the folder " + folder + " is not writable (" + e
                    + "); give a path in a writable folder");
        }
    }

    /** {@code p} itself if it exists, else its deepest existing ancestor. */
    private static Path existingAncestor(Path p) {
        Path a = p;
        while (a != null && !Files.exists(a)) {
            a = a.getParent();
        }
        return a == null ? p.getRoot() : a;
    }

    /** Whether two paths name the same file: by identity when both exist, else by resolved, normalized path. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return resolved(a).equals(resolved(b));
        } catch (IOException e) {
            throw new UnrollException("cannot compare " + a + " with " + b + ": " + e);
        }
    }

    /** The real path of the deepest existing ancestor (symbolic links resolved) with the rest appended. */
    private static Path resolved(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = existingAncestor(abs);
        return existing.toRealPath().resolve(existing.relativize(abs));
    }
}
