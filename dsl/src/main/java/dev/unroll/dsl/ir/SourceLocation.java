package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.Names;

/**
 * Where in the user's code a node was declared: a file name and a line, printed as {@code File.java:42}.
 *
 * <p>The file name comes from a class file and may hold any text, so it is printed through
 * {@link Names#printable} (one line, printable ASCII); generated code sanitizes it again for comments.
 */
public record SourceLocation(String file, int line) {

    /** The location of nodes that no user code declared (for example, nodes made by a compiler pass). */
    public static final SourceLocation UNKNOWN = new SourceLocation("unknown", 0);

    public SourceLocation {
        file = file == null ? "unknown" : file;
    }

    @Override
    public String toString() {
        String printed = Names.printable(file);
        return line > 0 ? printed + ":" + line : printed;
    }
}
