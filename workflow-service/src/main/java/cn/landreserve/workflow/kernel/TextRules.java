package cn.landreserve.workflow.kernel;

/** What user-supplied text (names, file names, search words) may not contain. */
public final class TextRules {

    private TextRules() {}

    /** Control characters, bidirectional overrides and isolates, invisible marks, lone surrogates, U+FFFD. */
    public static boolean forbidden(int c) {
        return Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200B || c == 0x200E || c == 0x200F || c == 0xFEFF
                || Character.getType(c) == Character.SURROGATE || c == 0xFFFD;
    }

    public static boolean clean(String text) {
        return text.codePoints().noneMatch(TextRules::forbidden);
    }

    /** For longer texts (opinions): as {@link #clean(String)}, but line breaks and tabs are allowed. */
    public static boolean cleanText(String text) {
        return text.codePoints().noneMatch(c -> c != '\n' && c != '\r' && c != '\t' && forbidden(c));
    }
}
