package com.cumulus.identity.token;

/** JSON text written by hand on hot paths (token headers, token endpoint responses), without a JSON library. */
public final class JsonText {

    private JsonText() {
    }

    /** {@code value} as a JSON string literal, quotes included. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2);
        quote(value, sb);
        return sb.toString();
    }

    /** Appends {@code value} as a JSON string literal (quotes, backslashes and control characters escaped). */
    public static StringBuilder quote(String value, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
