package com.cumulus.catalog.product.service;

import com.cumulus.catalog.product.domain.Api;
import com.cumulus.catalog.product.domain.ApiRef;
import com.cumulus.catalog.product.domain.ApiState;
import com.cumulus.catalog.product.domain.Plan;
import com.cumulus.catalog.product.domain.Product;
import com.cumulus.catalog.product.domain.ProductState;
import com.cumulus.catalog.product.domain.Visibility;
import com.cumulus.catalog.web.Json;
import com.cumulus.common.errors.ApiException;
import com.cumulus.common.security.Caller;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Products and APIs: consumer-side reads filtered by lifecycle state and visibility, and the platform-admin use cases
 * that create them and move them through their lifecycles.
 */
@ApplicationScoped
public class ProductCatalog {
    private static final TypeReference<List<Plan>> PLANS = new TypeReference<>() {
    };
    private static final TypeReference<List<ApiRef>> API_REFS = new TypeReference<>() {
    };
    private static final List<String> CONSUMER_API_STATES = List.of(ApiState.ONLINE.value(), ApiState.OFFLINE.value());

    private final Json json;
    private final ProductListCache listCache;

    public ProductCatalog(Json json, ProductListCache listCache) {
        this.json = json;
        this.listCache = listCache;
    }

    @WithSession
    public Uni<Product> product(String name, String version, Caller caller) {
        return Product.<Product>find("name = ?1 and version = ?2", name, version).firstResult()
                .map(p -> {
                    if (p == null || !ProductState.parse(p.state).visibleToConsumers()
                            || !visibleTo(p.visibility, p.visibleOrgs, caller)) {
                        throw ApiException.notFound("product");
                    }
                    return p;
                });
    }

    @WithSession
    public Uni<Api> api(String name, String version, Caller caller) {
        return Api.<Api>find("name = ?1 and version = ?2", name, version).firstResult()
                .map(a -> {
                    if (a == null || !CONSUMER_API_STATES.contains(a.state)
                            || !visibleTo(a.visibility, a.visibleOrgs, caller)) {
                        throw ApiException.notFound("api");
                    }
                    return a;
                });
    }

    private static boolean visibleTo(String visibility, String orgs, Caller caller) {
        return caller == null ? Visibility.PUBLIC.equals(visibility) : Visibility.allows(visibility, orgs, caller);
    }

    public List<Plan> plans(Product product) {
        return json.read(product.plans, PLANS);
    }

    public List<ApiRef> apis(Product product) {
        return json.read(product.apis, API_REFS);
    }

    public JsonNode metadata(String metadata) {
        return json.tree(metadata);
    }

    // ---- platform-admin use cases ----

    public record NewProduct(String name, String version, String title, String summary, String visibility,
                             List<String> visibleOrgs, List<Plan> plans, List<ApiRef> apis, JsonNode metadata) {
    }

    public record NewApi(String name, String version, String title, String summary, String apiType,
                         String visibility, List<String> visibleOrgs, JsonNode document, String wsdl,
                         String wsdlContentType, JsonNode metadata) {
    }

    /** Creates a pending product; the in-memory product list is dropped once the transaction has committed. */
    public Uni<Product> createProduct(NewProduct input) {
        return Panache.withTransaction(() -> create(input)).invoke(listCache::invalidate);
    }

    private Uni<Product> create(NewProduct input) {
        if (Visibility.CUSTOM.equals(input.visibility()) && input.visibleOrgs().isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid("visibility.org_ids",
                    "custom visibility needs at least one organization"));
        }
        long distinctPlans = input.plans().stream().map(Plan::name).distinct().count();
        if (distinctPlans != input.plans().size()) {
            return Uni.createFrom().failure(ApiException.invalid("plans", "plan names must be unique"));
        }
        return Product.count("name = ?1 and version = ?2", input.name(), input.version()).chain(existing -> {
            if (existing > 0) {
                throw ApiException.conflict("product " + input.name() + ":" + input.version() + " already exists");
            }
            Product product = new Product();
            Instant now = now();
            product.id = UUID.randomUUID();
            product.name = input.name();
            product.version = input.version();
            product.title = input.title();
            product.summary = input.summary();
            product.state = ProductState.PENDING.value();
            product.visibility = input.visibility();
            product.visibleOrgs = String.join(",", input.visibleOrgs());
            product.plans = json.write(input.plans());
            product.apis = json.write(input.apis());
            product.metadata = json.write(input.metadata());
            product.createdAt = now;
            product.updatedAt = now;
            return product.<Product>persist();
        });
    }

    /** Moves a product through its lifecycle; the in-memory product list is dropped once committed. */
    public Uni<Product> changeProductState(String name, String version, String target) {
        return Panache.withTransaction(() -> changeState(name, version, target)).invoke(listCache::invalidate);
    }

    private Uni<Product> changeState(String name, String version, String target) {
        ProductState next = ProductState.parse(target);
        if (next == null) {
            return Uni.createFrom().failure(ApiException.invalid("state",
                    "must be pending, staged, published, deprecated, retired or archived"));
        }
        return Product.<Product>find("name = ?1 and version = ?2", name, version).firstResult().map(product -> {
            if (product == null) {
                throw ApiException.notFound("product");
            }
            ProductState current = ProductState.parse(product.state);
            if (!current.canMoveTo(next)) {
                throw ApiException.conflict("product cannot move from " + current.value() + " to " + next.value());
            }
            product.state = next.value();
            product.updatedAt = now();
            return product;
        });
    }

    @WithTransaction
    public Uni<Api> createApi(NewApi input) {
        if (Visibility.CUSTOM.equals(input.visibility()) && input.visibleOrgs().isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid("visibility.org_ids",
                    "custom visibility needs at least one organization"));
        }
        if ("wsdl".equals(input.apiType()) && (input.wsdl() == null || input.wsdl().isBlank())) {
            return Uni.createFrom().failure(ApiException.invalid("wsdl", "a wsdl API needs its WSDL document"));
        }
        return Api.count("name = ?1 and version = ?2", input.name(), input.version()).chain(existing -> {
            if (existing > 0) {
                throw ApiException.conflict("api " + input.name() + ":" + input.version() + " already exists");
            }
            Api api = new Api();
            Instant now = now();
            api.id = UUID.randomUUID();
            api.name = input.name();
            api.version = input.version();
            api.title = input.title();
            api.summary = input.summary();
            api.state = ApiState.STAGED.value();
            api.apiType = input.apiType() == null ? "rest" : input.apiType();
            api.visibility = input.visibility();
            api.visibleOrgs = String.join(",", input.visibleOrgs());
            api.document = json.write(input.document());
            api.wsdl = input.wsdl();
            api.wsdlContentType = input.wsdl() == null ? null
                    : input.wsdlContentType() == null ? "application/wsdl+xml" : input.wsdlContentType();
            api.metadata = json.write(input.metadata());
            api.createdAt = now;
            api.updatedAt = now;
            return api.<Api>persist();
        });
    }

    @WithTransaction
    public Uni<Api> changeApiState(String name, String version, String target) {
        ApiState next = ApiState.parse(target);
        if (next == null) {
            return Uni.createFrom().failure(ApiException.invalid("state", "must be staged, online, offline or retired"));
        }
        return Api.<Api>find("name = ?1 and version = ?2", name, version).firstResult().map(api -> {
            if (api == null) {
                throw ApiException.notFound("api");
            }
            ApiState current = ApiState.parse(api.state);
            if (!current.canMoveTo(next)) {
                throw ApiException.conflict("api cannot move from " + current.value() + " to " + next.value());
            }
            api.state = next.value();
            api.updatedAt = now();
            return api;
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
