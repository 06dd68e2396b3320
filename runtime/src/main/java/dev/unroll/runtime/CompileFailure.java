package dev.unroll.runtime;

import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;

/** The message of a failed compilation of generated source: javac's diagnostics and where the source was saved. */
final class CompileFailure {

    private CompileFailure() {
    }

    /** The message: what failed, each diagnostic with its source line, and the path of the saved source. */
    static String message(String className, String source, DiagnosticCollector<JavaFileObject> diagnostics,
                          String output) {
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        String[] lines = source.split("\n", -1);
        StringBuilder text = new StringBuilder("javac rejected the generated kernel ").append(className)
                .append("; generated code must always compile, so this is a bug in Unroll's code generator: please"
                        + " report it with the saved source. Diagnostics:");
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            text.append("\n  ").append(simpleName).append(".java:").append(d.getLineNumber()).append(':')
                    .append(d.getColumnNumber()).append(": ").append(d.getKind().toString().toLowerCase(Locale.ROOT))
                    .append(": ").append(d.getMessage(Locale.ROOT));
            long line = d.getLineNumber();
            if (line >= 1 && line <= lines.length) {
                text.append("\n      ").append(lines[(int) line - 1].strip());
            }
        }
        if (!output.isBlank()) {
            text.append("\n  ").append(output.strip());
        }
        return text.append("\nThe source is saved at ").append(SourceLoader.save(simpleName, source)).toString();
    }
}
