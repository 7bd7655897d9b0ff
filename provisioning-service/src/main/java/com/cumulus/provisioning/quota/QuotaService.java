package com.cumulus.provisioning.quota;

import com.cumulus.common.errors.ApiException;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The one synchronous call of provisioning: reserving and releasing the {@code services} quota at tenancy, with the
 * caller's Authorization forwarded. Timeouts, retries on transport failures and a circuit breaker guard it; answers
 * tenancy gave (409 over quota, 404 not a member) are final and not retried.
 */
@ApplicationScoped
public class QuotaService {

    public static final String KIND = "services";

    private final TenancyQuotaClient client;

    public QuotaService(@RestClient TenancyQuotaClient client) {
        this.client = client;
    }

    @AsynchronousNonBlocking
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = ApiException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ApiException.class)
    public Uni<Void> reserve(String organizationId, String reference, String authorization) {
        return client.reserve(organizationId, authorization, new QuotaReservationRequest(KIND, 1, reference))
                .onFailure(jakarta.ws.rs.WebApplicationException.class)
                .recoverWithItem(e -> ((jakarta.ws.rs.WebApplicationException) e).getResponse())
                .map(response -> {
                    int status = response.getStatus();
                    if (status == 200 || status == 201) {
                        return null;
                    }
                    throw switch (status) {
                        case 409 -> ApiException.conflict("quota of services exceeded for this organization");
                        case 404 -> ApiException.notFound("organization");
                        case 401, 403 -> ApiException.forbidden("quota reservation refused");
                        default -> new QuotaUnavailableException("tenancy answered " + status);
                    };
                })
                .replaceWithVoid();
    }

    @AsynchronousNonBlocking
    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 100, abortOn = ApiException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ApiException.class)
    public Uni<Void> release(String organizationId, String reference, String authorization) {
        return client.release(organizationId, reference, authorization)
                .onFailure(jakarta.ws.rs.WebApplicationException.class)
                .recoverWithItem(e -> ((jakarta.ws.rs.WebApplicationException) e).getResponse())
                .map(response -> {
                    int status = response.getStatus();
                    if (status >= 200 && status < 300 || status == 404) {
                        return null;
                    }
                    if (status == 401 || status == 403) {
                        throw ApiException.forbidden("quota release refused");
                    }
                    throw new QuotaUnavailableException("tenancy answered " + status);
                })
                .replaceWithVoid();
    }

    /** Turns anything that is not an answer from tenancy into a 503 for the API caller. */
    public static Throwable toApi(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        return new ApiException(503, "temporarily_unavailable", "quota service unavailable, retry later", null, 5L);
    }
}
