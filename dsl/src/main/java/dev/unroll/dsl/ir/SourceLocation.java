package dev.unroll.dsl.ir;

/** Where in the user's code a node was declared: a file name and a line, printed as {@code File.java:42}. */
public record SourceLocation(String file, int line) {

    /** The location of nodes that no user code declared (for example, nodes made by a compiler pass). */
    public static final SourceLocation UNKNOWN = new SourceLocation("unknown", 0);

    public SourceLocation {
        file = file == null ? "unknown" : file;
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
