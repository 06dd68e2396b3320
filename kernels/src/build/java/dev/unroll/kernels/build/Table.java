package dev.unroll.kernels.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The declared renames from float64 names to float32 names, applied to identifiers and to words in comments. */
record Table(Map<String, String> renames) {

    private static final Pattern WORD = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*");

    Table {
        renames = Map.copyOf(renames);
    }

    /** The table in {@code text}: a line {@code float64Name float32Name} per rename, {@code #} comments. */
    static Table parse(String text, String origin) {
        Map<String, String> renames = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2 || !WORD.matcher(words[0]).matches() || !WORD.matcher(words[1]).matches()) {
                throw new TemplateException(origin + ":" + (i + 1) + ": a rename is two identifiers, the float64 "
                        + "name and the float32 name, but the line is '" + line + "'");
            }
            if (renames.putIfAbsent(words[0], words[1]) != null) {
                throw new TemplateException(origin + ":" + (i + 1) + ": '" + words[0] + "' is renamed twice; keep "
                        + "one line for it");
            }
        }
        for (String target : renames.values()) {
            if (renames.containsKey(target)) {
                throw new TemplateException(origin + ": '" + target + "' is both a float32 name and a float64 name "
                        + "to rename; a name belongs to one side only");
            }
        }
        return new Table(renames);
    }

    /** The float32 name of an identifier; a float32 name in the float64 source is an error, not a twin. */
    String inCode(Token word, String origin) {
        if (renames.containsValue(word.text())) {
            throw new TemplateException(origin + ":" + word.line() + ": a twinned region names '" + word.text()
                    + "', the float32 side of the table; write the float64 name and let the twin derive it, or "
                    + "move this code out of the region");
        }
        return renames.getOrDefault(word.text(), word.text());
    }

    /** The comment with every word the table names renamed, so Javadoc links follow the code. */
    String inComment(String comment) {
        return WORD.matcher(comment).replaceAll(m -> Matcher.quoteReplacement(
                renames.getOrDefault(m.group(), m.group())));
    }
}
