package com.cumulus.gateway.openapi;

import com.cumulus.gateway.config.GatewayConfig;
import com.cumulus.gateway.routing.RouteTable;
import com.cumulus.gateway.routing.Upstream;
import com.cumulus.gateway.upstream.SideCalls;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One OpenAPI document for the whole suite at {@code GET /q/openapi-merged}: each service's {@code /q/openapi} with
 * only the operations the gateway routes to that service (so {@code /internal/...} stays out), components merged
 * (a name two services define differently is prefixed with the service, and its references rewritten). Cached;
 * a service that is down is skipped and listed under {@code x-cumulus-unavailable}.
 */
@ApplicationScoped
public class MergedOpenApi {

    public static final String PATH = "/q/openapi-merged";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Duration PARTIAL_TTL = Duration.ofSeconds(5);

    private record Cached(String json, long expiresAtNanos) {
    }

    private final SideCalls http;
    private final Map<Upstream, String> urls = new EnumMap<>(Upstream.class);
    private final Duration ttl;
    private final Duration timeout;
    private volatile Cached cached;

    public MergedOpenApi(SideCalls http, GatewayConfig config) {
        this.http = http;
        this.ttl = config.openapi().cacheTtl();
        this.timeout = config.openapi().fetchTimeout();
        urls.put(Upstream.IDENTITY, config.identityUrl());
        urls.put(Upstream.TENANCY, config.tenancyUrl());
        urls.put(Upstream.CATALOG, config.catalogUrl());
        urls.put(Upstream.PROVISIONING, config.provisioningUrl());
    }

    void register(@Observes Router router) {
        router.get(PATH).order(5).handler(context -> document().onComplete(result -> {
            if (result.succeeded()) {
                context.response().putHeader("Content-Type", "application/json").end(result.result());
            } else {
                context.fail(result.cause());
            }
        }));
    }

    public Future<String> document() {
        Cached current = cached;
        if (current != null && System.nanoTime() < current.expiresAtNanos()) {
            return Future.succeededFuture(current.json());
        }
        List<Upstream> order = List.of(Upstream.values());
        List<Future<JsonObject>> fetches = new ArrayList<>();
        for (Upstream upstream : order) {
            fetches.add(http.getJson(trim(urls.get(upstream)) + "/q/openapi?format=json", timeout)
                    .otherwise((JsonObject) null));
        }
        return Future.join(fetches).transform(ignored -> {
            Map<Upstream, JsonObject> docs = new LinkedHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                docs.put(order.get(i), fetches.get(i).result());
            }
            JsonObject merged = merge(docs);
            boolean partial = !merged.getJsonArray("x-cumulus-unavailable").isEmpty();
            String json = merged.encode();
            cached = new Cached(json, System.nanoTime() + (partial ? PARTIAL_TTL : ttl).toNanos());
            return Future.succeededFuture(json);
        });
    }

    static JsonObject merge(Map<Upstream, JsonObject> docs) {
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        JsonArray unavailable = new JsonArray();
        for (Map.Entry<Upstream, JsonObject> entry : docs.entrySet()) {
            Upstream upstream = entry.getKey();
            JsonObject doc = entry.getValue();
            if (doc == null) {
                unavailable.add(upstream.label());
                continue;
            }
            Map<String, String> renames = new HashMap<>();
            JsonObject theirs = doc.getJsonObject("components", new JsonObject());
            for (String section : theirs.fieldNames()) {
                JsonObject mine = components.getJsonObject(section, new JsonObject());
                JsonObject defs = theirs.getJsonObject(section, new JsonObject());
                for (String name : defs.fieldNames()) {
                    Object existing = mine.getValue(name);
                    if (existing != null && !existing.equals(defs.getValue(name))) {
                        renames.put("#/components/" + section + "/" + name,
                                "#/components/" + section + "/" + prefix(upstream) + name);
                    }
                }
            }
            JsonObject rewritten = (JsonObject) rewrite(doc, renames);
            JsonObject renamedComponents = rewritten.getJsonObject("components", new JsonObject());
            for (String section : renamedComponents.fieldNames()) {
                JsonObject target = components.getJsonObject(section);
                if (target == null) {
                    target = new JsonObject();
                    components.put(section, target);
                }
                JsonObject defs = renamedComponents.getJsonObject(section, new JsonObject());
                for (String name : defs.fieldNames()) {
                    String ref = "#/components/" + section + "/" + name;
                    String finalName = renames.containsKey(ref) ? prefix(upstream) + name : name;
                    target.put(finalName, defs.getValue(name));
                }
            }
            JsonObject theirPaths = rewritten.getJsonObject("paths", new JsonObject());
            for (String path : theirPaths.fieldNames()) {
                JsonObject item = theirPaths.getJsonObject(path);
                String sample = path.replaceAll("\\{[^}]*}", "x1");
                JsonObject kept = paths.getJsonObject(path, new JsonObject());
                boolean any = false;
                for (String key : item.fieldNames()) {
                    if (!METHODS.contains(key)) {
                        continue;
                    }
                    Optional<Upstream> owner = RouteTable.resolve(key.toUpperCase(Locale.ROOT), sample);
                    if (owner.isPresent() && owner.get() == upstream) {
                        kept.put(key, item.getValue(key));
                        any = true;
                    }
                }
                if (any) {
                    for (String key : item.fieldNames()) {
                        if (!METHODS.contains(key) && !kept.containsKey(key)) {
                            kept.put(key, item.getValue(key));
                        }
                    }
                    paths.put(path, kept);
                }
            }
            JsonArray theirTags = rewritten.getJsonArray("tags", new JsonArray());
            for (int i = 0; i < theirTags.size(); i++) {
                JsonObject tag = theirTags.getJsonObject(i);
                tags.putIfAbsent(tag.getString("name"), tag);
            }
        }
        JsonObject sortedPaths = new JsonObject();
        paths.fieldNames().stream().sorted().forEach(p -> sortedPaths.put(p, paths.getValue(p)));
        return new JsonObject()
                .put("openapi", "3.0.3")
                .put("info", new JsonObject().put("title", "Cumulus control plane").put("version", "1.0.0")
                        .put("description", "All five seed APIs behind the gateway, merged from each service."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("tags", new JsonArray(new ArrayList<>(tags.values())))
                .put("paths", sortedPaths)
                .put("components", components)
                .put("x-cumulus-unavailable", unavailable);
    }

    private static Object rewrite(Object node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return node;
        }
        if (node instanceof JsonObject object) {
            JsonObject copy = new JsonObject();
            for (String key : object.fieldNames()) {
                Object value = object.getValue(key);
                if ("$ref".equals(key) && value instanceof String ref && renames.containsKey(ref)) {
                    copy.put(key, renames.get(ref));
                } else {
                    copy.put(key, rewrite(value, renames));
                }
            }
            return copy;
        }
        if (node instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(item -> copy.add(rewrite(item, renames)));
            return copy;
        }
        return node;
    }

    private static String prefix(Upstream upstream) {
        String name = upstream.label();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
