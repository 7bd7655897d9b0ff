package com.cumulus.gateway.routing;

import io.netty.util.concurrent.FastThreadLocal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path regex with its literal prefix: a path that does not start with the prefix cannot match, so most rows of a
 * table are rejected by one {@code startsWith} instead of a regex run (the tables are scanned on every request).
 */
public final class PathPattern {

    private final String prefix;
    private final Pattern pattern;
    /** One matcher per (event-loop) thread, reset per use: no Matcher and group arrays allocated per request. */
    private final FastThreadLocal<Matcher> matchers;

    private PathPattern(String regex) {
        this.prefix = literalPrefix(regex);
        this.pattern = Pattern.compile(regex);
        this.matchers = new FastThreadLocal<>() {
            @Override
            protected Matcher initialValue() {
                return pattern.matcher("");
            }
        };
    }

    public static PathPattern of(String regex) {
        return new PathPattern(regex);
    }

    /** True when the whole path matches. */
    public boolean matches(String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        Matcher matcher = matchers.get().reset(path);
        boolean matches = matcher.matches();
        matcher.reset("");
        return matches;
    }

    String prefix() {
        return prefix;
    }

    /**
     * The characters every match starts with: the regex up to its first metacharacter; a character made optional or
     * repeated by a following quantifier is not part of it. A top-level alternation means no prefix.
     */
    static String literalPrefix(String regex) {
        if (topLevelAlternation(regex)) {
            return "";
        }
        int end = 0;
        while (end < regex.length() && "\\[](){}.*+?^$|".indexOf(regex.charAt(end)) < 0) {
            end++;
        }
        if (end < regex.length() && "?*{".indexOf(regex.charAt(end)) >= 0 && end > 0) {
            end--;
        }
        return regex.substring(0, end);
    }

    private static boolean topLevelAlternation(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
