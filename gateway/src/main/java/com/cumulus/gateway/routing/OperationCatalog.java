package com.cumulus.gateway.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every operation of the five seed APIs ({@code operations.txt}, a copy of ../shared/seed-operations.txt), so the
 * gateway can answer {@code OPTIONS} with the methods a path really has. Ownership stays in {@link RouteTable}.
 */
public final class OperationCatalog {

    private record Template(String[] segments, String method) {
        boolean matches(String[] path) {
            if (path.length != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!"{}".equals(segments[i]) && !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Template> TEMPLATES = load();

    private OperationCatalog() {
    }

    /** The methods the suite serves at this path, plus OPTIONS; empty when no operation has this path. */
    public static Set<String> methodsAt(String path) {
        String[] segments = split(path);
        Set<String> methods = new TreeSet<>();
        for (Template template : TEMPLATES) {
            if (template.matches(segments)) {
                methods.add(template.method());
            }
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return Collections.unmodifiableSet(methods);
    }

    static int size() {
        return TEMPLATES.size();
    }

    private static String[] split(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return trimmed.split("/", -1);
    }

    private static List<Template> load() {
        List<Template> templates = new ArrayList<>();
        try (InputStream in = OperationCatalog.class.getResourceAsStream("/operations.txt")) {
            if (in == null) {
                throw new IllegalStateException("operations.txt is missing from the gateway's resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.trim().split("\\s+");
                if (line.isBlank() || line.startsWith("#") || fields.length < 3) {
                    continue;
                }
                templates.add(new Template(split(fields[2]), fields[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(templates);
    }
}
