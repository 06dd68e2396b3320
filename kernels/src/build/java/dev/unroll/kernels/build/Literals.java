package dev.unroll.kernels.build;

import java.util.Locale;

/** The float32 twins of number literals. */
final class Literals {

    private Literals() {
    }

    /**
     * An integer literal as it stands; a double literal with the suffix {@code f}, which must denote the same
     * value: a rounded constant would silently make the float32 kernel compute something else.
     */
    static String floatTwin(Token number, String origin) {
        String text = number.text();
        String lower = text.toLowerCase(Locale.ROOT);
        boolean floating = lower.startsWith("0x") ? lower.contains("p")
                : lower.contains(".") || lower.contains("e") || lower.endsWith("d") || lower.endsWith("f");
        if (!floating) {
            return text;
        }
        if (lower.endsWith("f")) {
            throw new TemplateException(origin + ":" + number.line() + ": the float64 source has the float literal "
                    + text + "; write it as a double literal, the twin adds the f");
        }
        String body = lower.endsWith("d") ? text.substring(0, text.length() - 1) : text;
        String plain = body.replace("_", "");
        if (Double.compare(Double.parseDouble(plain), Float.parseFloat(plain)) != 0) {
            throw new TemplateException(origin + ":" + number.line() + ": the literal " + text + " is not exactly "
                    + "a float, so its float32 twin would be another number; declare the constant once per "
                    + "precision outside the twinned code");
        }
        return body + "f";
    }
}
