package com.cumulus.common.web.idempotency;

import com.cumulus.common.errors.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Safe retries of {@code POST}s: a caller who sends {@code Idempotency-Key: <key>} gets the first successful answer
 * to that key again (status, body, {@code Location}, plus {@code Idempotent-Replayed: true}) for 24 hours instead of
 * a second execution. Keys are scoped to the authenticated principal; the same key for another method or path is
 * 422; a retry while the first request still runs is 409. Error answers and non-JSON bodies give the key back, so a
 * corrected retry runs. Secrets in an answer (passwords, client secrets, tokens) are never stored: a replay carries
 * them as null. Anonymous requests ignore the header. See docs/idempotency.md.
 */
public class IdempotencyFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String CLAIM = "cumulus.idempotency.claim";
    /** Field names whose values are secrets returned once (seed bodies in camelCase and snake_case). */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i).*(secret|password)|(access_|refresh_|id_)?token");

    private record Claim(String principal, String key) {
    }

    private final IdempotencyKeys keys;
    private final CurrentIdentityAssociation identity;
    private final ObjectMapper mapper;

    public IdempotencyFilter(IdempotencyKeys keys, CurrentIdentityAssociation identity, ObjectMapper mapper) {
        this.keys = keys;
        this.identity = identity;
        this.mapper = mapper;
    }

    @ServerRequestFilter
    public Uni<Response> claim(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod())) {
            return null; // a null Uni lets RESTEasy Reactive go on without suspending the request
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(ApiException.invalid(HEADER,
                    "must be 1 to 255 visible ASCII characters"));
        }
        String path = request.getUriInfo().getPath();
        return identity.getDeferredIdentity().chain(caller -> {
            String principal = principal(caller);
            if (principal == null) {
                return Uni.createFrom().nullItem();
            }
            return keys.claim(principal, key, "POST", path).chain(owned -> {
                if (owned) {
                    request.setProperty(CLAIM, new Claim(principal, key));
                    return Uni.createFrom().nullItem();
                }
                return keys.find(principal, key).map(existing -> answerFor(existing, path));
            });
        });
    }

    @ServerResponseFilter
    public Uni<Void> complete(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return null; // as above: no suspension for the requests without a claimed key
        }
        request.removeProperty(CLAIM);
        int status = response.getStatus();
        String body = replayable(status, response.getEntity());
        Uni<Void> stored = body == null
                ? keys.release(claim.principal(), claim.key())
                : keys.complete(claim.principal(), claim.key(), status, body.isEmpty() ? null : body,
                response.getHeaderString(HttpHeaders.LOCATION));
        // the request's own outcome stands; a key that could not be stored only means a retry runs again
        return stored.onFailure().recoverWithUni(e -> {
            LOG.warnf(e, "could not store the answer to Idempotency-Key %s", claim.key());
            return Uni.createFrom().voidItem();
        });
    }

    private Response answerFor(IdempotencyKeys.Existing existing, String path) {
        if (existing == null || existing.pending()) {
            throw ApiException.conflict("a request with this Idempotency-Key is still in progress; retry later");
        }
        if (!"POST".equals(existing.method()) || !path.equals(existing.path())) {
            throw ApiException.unprocessable(HEADER, HEADER + " was already used for another request (another method or path)");
        }
        Response.ResponseBuilder replay = Response.status(existing.status()).header(REPLAYED, "true");
        if (existing.location() != null) {
            replay.header(HttpHeaders.LOCATION, existing.location());
        }
        if (existing.response() != null) {
            try {
                replay.entity(mapper.readTree(existing.response()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored answer is not JSON", e);
            }
        }
        return replay.build();
    }

    /** The body to keep ("" for none), or null when this answer should not be replayed. */
    private String replayable(int status, Object entity) {
        if (status < 200 || status >= 300) {
            return null;
        }
        if (entity == null) {
            return "";
        }
        if (entity instanceof CharSequence || entity instanceof byte[] || entity instanceof InputStream) {
            return null;
        }
        try {
            JsonNode tree = mapper.valueToTree(entity);
            redactSecrets(tree);
            return mapper.writeValueAsString(tree);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return null;
        }
    }

    static void redactSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (field.getValue().isTextual() && SECRET_FIELD.matcher(field.getKey()).matches()) {
                    field.setValue(NullNode.getInstance());
                } else {
                    redactSecrets(field.getValue());
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(IdempotencyFilter::redactSecrets);
        }
    }

    private static String principal(SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous()) {
            return null;
        }
        return caller.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : caller.getPrincipal().getName();
    }
}
