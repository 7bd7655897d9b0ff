package com.cumulus.tenancy.billing.api;

import com.cumulus.common.errors.ApiException;
import com.cumulus.tenancy.access.AccessService;
import com.cumulus.common.security.CurrentCaller;
import com.cumulus.tenancy.access.Permissions;
import com.cumulus.tenancy.billing.PaymentMethod;
import com.cumulus.tenancy.organization.api.connect.ConnectOrgObject;
import com.cumulus.tenancy.organization.domain.Organization;
import com.cumulus.tenancy.web.Bodies;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Seed 002 billing: {@code GET /orgs/{org}/billings/{billing}} (one billing profile per organization, id = the
 * organization id) and {@code GET|PATCH /orgs/{org}/payment-methods/{payment-method}} (PATCH creates when absent).
 * Only a provider token and the last four digits are stored; card numbers or CVCs in a body are refused (400).
 */
@Path("/orgs/{org}")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, "application/yaml"})
@Consumes({MediaType.APPLICATION_JSON, "application/yaml"})
public class ConnectBillingResource {

    static final Set<String> CARD_DATA = Set.of("card_number", "cardNumber", "number", "cvc", "cvv", "pan", "expiry");

    public static class PaymentMethodPatch {
        @Size(max = 1023)
        public String title;
        @Pattern(regexp = "stripe|adyen|braintree|paypal", message = "must be stripe, adyen, braintree or paypal")
        public String provider;
        @JsonProperty("provider_token")
        @Size(min = 1, max = 512)
        public String providerToken;
        @JsonProperty("last_four")
        @Pattern(regexp = "[0-9]{4}", message = "must be exactly four digits")
        public String lastFour;
        @Pattern(regexp = "enabled|disabled", message = "must be enabled or disabled")
        public String state;
        final Set<String> unknown = new HashSet<>();

        @JsonAnySetter
        void other(String name, Object value) {
            unknown.add(name);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentMethodObject(String type, @JsonProperty("api_version") String apiVersion, String id,
                                      String name, String title, String provider, @JsonProperty("last_four") String lastFour,
                                      String state, @JsonProperty("created_at") OffsetDateTime createdAt,
                                      @JsonProperty("updated_at") OffsetDateTime updatedAt, String url) {
        static PaymentMethodObject of(PaymentMethod p) {
            return new PaymentMethodObject("payment_method", ConnectOrgObject.API_VERSION, p.id.toString(), p.name,
                    p.title, p.provider, p.lastFour, p.state, p.createdAt,
                    p.modifiedAt == null ? p.createdAt : p.modifiedAt,
                    "/orgs/" + p.organizationId + "/payment-methods/" + p.id);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BillingObject(String type, @JsonProperty("api_version") String apiVersion, String id, String name,
                                String title, String state, boolean paid, String email, String address,
                                @JsonProperty("payment_method_urls") List<String> paymentMethodUrls, String url) {
    }

    private final AccessService access;
    private final Bodies bodies;
    private final CurrentCaller callers;

    public ConnectBillingResource(AccessService access, Bodies bodies, CurrentCaller callers) {
        this.access = access;
        this.bodies = bodies;
        this.callers = callers;
    }

    @GET
    @Path("/billings/{billing}")
    @WithSession
    public Uni<BillingObject> billing(@PathParam("org") String org, @PathParam("billing") String billing) {
        UUID orgId = AccessService.parseId(org, "organization");
        return access.require(callers.get(), orgId, Permissions.ORG_READ)
                .chain(a -> Organization.<Organization>findById(orgId))
                .chain(o -> {
                    if (!o.id.toString().equals(billing) && !"default".equals(billing)) {
                        return Uni.createFrom().failure(ApiException.notFound("billing"));
                    }
                    return PaymentMethod.<PaymentMethod>find("organizationId = ?1 order by createdAt, id", orgId).list()
                            .map(methods -> new BillingObject("billing", ConnectOrgObject.API_VERSION, o.id.toString(),
                                    "default", o.displayName(), o.state, o.paid, o.email, o.address,
                                    methods.stream().map(m -> "/orgs/" + o.id + "/payment-methods/" + m.id).toList(),
                                    "/orgs/" + o.id + "/billings/" + o.id));
                });
    }

    @GET
    @Path("/payment-methods/{paymentMethod}")
    @WithSession
    public Uni<PaymentMethodObject> paymentMethod(@PathParam("org") String org, @PathParam("paymentMethod") String id) {
        UUID orgId = AccessService.parseId(org, "organization");
        return access.require(callers.get(), orgId, Permissions.ORG_READ)
                .chain(a -> found(orgId, id))
                .map(p -> {
                    if (p == null) {
                        throw ApiException.notFound("payment method");
                    }
                    return PaymentMethodObject.of(p);
                });
    }

    @PATCH
    @Path("/payment-methods/{paymentMethod}")
    @WithTransaction
    public Uni<PaymentMethodObject> patch(@PathParam("org") String org, @PathParam("paymentMethod") String id,
                                          PaymentMethodPatch body) {
        bodies.valid(body);
        for (String field : body.unknown) {
            if (CARD_DATA.contains(field)) {
                throw ApiException.invalid(field, "card data is never accepted; send the provider token");
            }
        }
        UUID orgId = AccessService.parseId(org, "organization");
        UUID pmId = AccessService.tryParse(id);
        if (pmId == null) {
            throw ApiException.notFound("payment method");
        }
        return access.require(callers.get(), orgId, Permissions.ORG_UPDATE)
                .chain(a -> PaymentMethod.<PaymentMethod>findById(pmId))
                .invoke(any -> {
                    if (any != null && !any.organizationId.equals(orgId)) {
                        throw ApiException.notFound("payment method");
                    }
                })
                .chain(existing -> {
                    if (existing == null && body.providerToken == null) {
                        return Uni.createFrom().failure(ApiException.invalid("provider_token", "is required"));
                    }
                    PaymentMethod p = existing;
                    if (p == null) {
                        p = new PaymentMethod();
                        p.id = pmId;
                        p.organizationId = orgId;
                        p.name = id;
                        p.provider = "stripe";
                        p.state = "enabled";
                        p.createdAt = OffsetDateTime.now();
                    } else {
                        p.modifiedAt = OffsetDateTime.now();
                    }
                    if (body.title != null) {
                        p.title = body.title;
                    }
                    if (body.provider != null) {
                        p.provider = body.provider;
                    }
                    if (body.providerToken != null) {
                        p.providerToken = body.providerToken;
                    }
                    if (body.lastFour != null) {
                        p.lastFour = body.lastFour;
                    }
                    if (body.state != null) {
                        p.state = body.state;
                    }
                    PaymentMethod saved = p;
                    return (existing == null ? saved.<PaymentMethod>persist() : Uni.createFrom().item(saved))
                            .map(x -> PaymentMethodObject.of(saved));
                });
    }

    private static Uni<PaymentMethod> found(UUID orgId, String id) {
        UUID pmId = AccessService.tryParse(id);
        if (pmId == null) {
            return Uni.createFrom().nullItem();
        }
        return PaymentMethod.<PaymentMethod>findById(pmId).map(p -> p == null || !p.organizationId.equals(orgId) ? null : p);
    }
}
