package com.cumulus.tenancy.organization.service;

import com.cumulus.common.errors.ApiException;

import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes label values: what seed 001 requires of {@code metadata.name}. */
public final class Names {

    public static final String LABEL_REGEX = "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
    private static final Pattern LABEL = Pattern.compile(LABEL_REGEX);
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}$)([a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$");

    private Names() {
    }

    public static boolean isLabel(String value) {
        return value != null && LABEL.matcher(value).matches();
    }

    public static boolean isHostname(String value) {
        return value != null && HOSTNAME.matcher(value).matches();
    }

    public static void requireLabel(String field, String value) {
        if (!isLabel(value)) {
            throw ApiException.invalid(field, "must be a valid Kubernetes label value (1-63 characters: letters, digits, '-', '_', '.', starting and ending alphanumeric)");
        }
    }

    /** A label value derived from free text ("Example Organization" -> "example-organization"). */
    public static String slug(String text) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (s.length() > 63) {
            s = s.substring(0, 63).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "org" : s;
    }
}
