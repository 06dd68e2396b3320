package dev.unroll.kernels.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the float64 and float32 versions of the kernel templates before compilation, so that each kernel written for
 * both precisions has one source: the float64 one, whose float32 twin is derived token by token through the renames
 * of a {@link Table}.
 *
 * <p>A template is ordinary Java for float64 with one of two kinds of marker, each a line of its own: {@code // twin:
 * file} makes the whole file a twin, written a second time under the class name the table gives; {@code // twin:
 * begin} and {@code // twin: end} enclose a region that is written in place twice, first as it stands, then as its
 * float32 twin. The build compiles it and runs {@code TwinGenerator TEMPLATE_ROOT TABLE_FILE OUTPUT_ROOT}.
 */
public final class TwinGenerator {

    static final String MARKER = "// twin:";
    static final String FILE = "// twin: file";
    static final String BEGIN = "// twin: begin";
    static final String END = "// twin: end";

    private TwinGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TwinGenerator TEMPLATE_ROOT TABLE_FILE OUTPUT_ROOT, got "
                    + args.length + " arguments");
            System.exit(2);
        }
        try {
            Path templates = Path.of(args[0]);
            Table table = Table.parse(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), args[1]);
            write(generate(templates, args[0], table), Path.of(args[2]));
        } catch (TemplateException e) {
            System.err.println("twin generation failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Every file the templates under {@code root} produce, by path relative to the output root, in a fixed order. */
    static SortedMap<String, String> generate(Path root, String shownRoot, Table table) throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(root)) {
            templates = files.filter(p -> p.toString().endsWith(".java")).sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        SortedMap<String, String> out = new TreeMap<>();
        for (Path template : templates) {
            String relative = root.relativize(template).toString().replace('\\', '/');
            String text = Files.readString(template, StandardCharsets.UTF_8);
            out.putAll(generateFile(relative, shownRoot + "/" + relative, text, table));
        }
        return out;
    }

    /** The outputs of one template: itself without markers, and its float32 twins, whole or by region. */
    static SortedMap<String, String> generateFile(String relative, String origin, String text, Table table) {
        List<String> lines = text.lines().toList();
        List<Integer> markers = markerLines(lines, origin);
        SortedMap<String, String> out = new TreeMap<>();
        if (markers.isEmpty()) {
            throw new TemplateException(origin + ": a template must have a '" + FILE + "' line or '" + BEGIN + "' / '"
                    + END + "' regions; a class without float/double twins belongs in src/main/java");
        }
        if (lines.get(markers.get(0)).strip().equals(FILE)) {
            if (markers.size() > 1) {
                throw new TemplateException(origin + ":" + (markers.get(1) + 1) + ": a '" + FILE
                        + "' template is twinned whole and takes no other marker; remove this line");
            }
            String body = String.join("\n", without(lines, markers.get(0))) + "\n";
            out.put(relative, header(origin, "the float64 template as it stands") + body);
            out.put(twinPath(relative, origin, table),
                    header(origin, "the float32 twin of the template") + twin(body, 1, origin, table));
            return out;
        }
        out.put(relative, header(origin, "the float64 template with the float32 twin of each marked region")
                + regions(lines, markers, origin, table));
        return out;
    }

    private static List<Integer> markerLines(List<String> lines, String origin) {
        List<Integer> markers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(MARKER)) {
                if (!line.equals(FILE) && !line.equals(BEGIN) && !line.equals(END)) {
                    throw new TemplateException(origin + ":" + (i + 1) + ": unknown marker '" + line
                            + "'; the markers are '" + FILE + "', '" + BEGIN + "' and '" + END + "'");
                }
                markers.add(i);
            }
        }
        return markers;
    }

    /** The lines outside regions as they stand; each region as it stands, a blank line, then its float32 twin. */
    private static String regions(List<String> lines, List<Integer> markers, String origin, Table table) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int m = 0; m < markers.size(); m += 2) {
            int begin = markers.get(m);
            requireMarker(lines, begin, BEGIN, origin);
            if (m + 1 == markers.size()) {
                throw new TemplateException(origin + ":" + (begin + 1) + ": '" + BEGIN + "' has no '" + END
                        + "' after it; close the region");
            }
            int end = markers.get(m + 1);
            requireMarker(lines, end, END, origin);
            if (end == begin + 1) {
                throw new TemplateException(origin + ":" + (begin + 1) + ": the region is empty; remove its markers");
            }
            appendLines(out, lines.subList(next, begin));
            String region = String.join("\n", lines.subList(begin + 1, end)) + "\n";
            out.append(region).append('\n').append(twin(region, begin + 2, origin, table));
            next = end + 1;
        }
        appendLines(out, lines.subList(next, lines.size()));
        return out.toString();
    }

    private static void requireMarker(List<String> lines, int index, String expected, String origin) {
        String found = lines.get(index).strip();
        if (!found.equals(expected)) {
            throw new TemplateException(origin + ":" + (index + 1) + ": expected '" + expected + "' but found '"
                    + found + "'; regions do not nest, each '" + BEGIN + "' is closed by one '" + END + "'");
        }
    }

    private static void appendLines(StringBuilder out, List<String> lines) {
        for (String line : lines) {
            out.append(line).append('\n');
        }
    }

    private static List<String> without(List<String> lines, int index) {
        List<String> kept = new ArrayList<>(lines);
        kept.remove(index);
        return kept;
    }

    /** The float32 twin of Java text starting at line {@code firstLine} of {@code origin}. */
    static String twin(String text, int firstLine, String origin, Table table) {
        StringBuilder out = new StringBuilder();
        for (Token token : Token.lex(text, firstLine, origin)) {
            out.append(switch (token.kind()) {
                case WORD -> table.inCode(token, origin);
                case NUMBER -> Literals.floatTwin(token, origin);
                case COMMENT -> table.inComment(token.text());
                case QUOTED, OTHER -> token.text();
            });
        }
        return out.toString();
    }

    private static String twinPath(String relative, String origin, Table table) {
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1, relative.length() - ".java".length());
        String twin = table.renames().get(name);
        if (twin == null) {
            throw new TemplateException(origin + ": the table names no float32 twin for class " + name
                    + "; add a line '" + name + " <Float name>' to the table");
        }
        return relative.substring(0, slash + 1) + twin + ".java";
    }

    private static String header(String origin, String what) {
        return "// Generated by TwinGenerator (src/build/java) from " + origin + ":\n"
                + "// " + what + ".\n"
                + "// Do not edit: edit the template; every build writes this file again.\n";
    }

    private static void write(SortedMap<String, String> files, Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> old = Files.walk(root)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (var file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
