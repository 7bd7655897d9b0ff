package com.cumulus.catalog.product.api;

import com.cumulus.catalog.product.api.ProductDtos.ApiWrite;
import com.cumulus.catalog.product.api.ProductDtos.ProductWrite;
import com.cumulus.catalog.product.api.ProductDtos.StateChange;
import com.cumulus.catalog.product.domain.Plan;
import com.cumulus.catalog.product.service.ProductCatalog;
import com.cumulus.catalog.web.Access;
import com.cumulus.catalog.web.Connect;
import com.cumulus.common.web.Yaml;
import com.cumulus.common.security.CurrentCaller;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import com.cumulus.catalog.web.BodyValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Platform-admin management of products and APIs (the seeds publish nothing themselves). Never routed by the gateway;
 * guarded by the {@code platform-admin} platform role. Bodies in the seed 002 style, JSON or YAML.
 */
@Path("/internal/catalog")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
@Consumes({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
public class InternalCatalogResource {
    private final ProductCatalog catalog;
    private final ProductViews views;
    private final Connect connect;
    private final CurrentCaller caller;
    private final BodyValidator validator;

    public InternalCatalogResource(ProductCatalog catalog, ProductViews views, Connect connect, CurrentCaller caller,
                                   BodyValidator validator) {
        this.validator = validator;
        this.catalog = catalog;
        this.views = views;
        this.connect = connect;
        this.caller = caller;
    }

    @POST
    @Path("products")
    public Uni<Response> createProduct(ProductWrite body) {
        Access.platformAdmin(caller.get());
        validator.snake(body);
        List<Plan> plans = body.plans().stream().map(p -> new Plan(p.name(), p.title() == null ? p.name() : p.title(),
                new Plan.RateLimit(p.rateLimit().requests(), p.rateLimit().periodSeconds()), p.approval())).toList();
        return catalog.createProduct(new ProductCatalog.NewProduct(body.name(), body.version(), body.title(),
                        body.summary(), body.visibility().type(), orgs(body.visibility()), plans,
                        ProductDtos.refs(body.apis()), body.metadata()))
                .map(p -> Response.status(201).entity(connect.one(
                        views.product(p, ConsumerCatalogResource.PRODUCTS, ConsumerCatalogResource.APIS), null)).build());
    }

    @PATCH
    @Path("products/{name}/{version}/state")
    public Uni<JsonNode> productState(@PathParam("name") String name, @PathParam("version") String version,
                                      StateChange body) {
        Access.platformAdmin(caller.get());
        validator.snake(body);
        return catalog.changeProductState(name, version, body.state()).map(p -> connect.one(
                views.product(p, ConsumerCatalogResource.PRODUCTS, ConsumerCatalogResource.APIS), null));
    }

    @POST
    @Path("apis")
    public Uni<Response> createApi(ApiWrite body) {
        Access.platformAdmin(caller.get());
        validator.snake(body);
        return catalog.createApi(new ProductCatalog.NewApi(body.name(), body.version(), body.title(), body.summary(),
                        body.apiType(), body.visibility().type(), orgs(body.visibility()), body.document(),
                        body.wsdl(), body.wsdlContentType(), body.metadata()))
                .map(a -> Response.status(201).entity(connect.one(views.api(a, ConsumerCatalogResource.APIS), null))
                        .build());
    }

    @PATCH
    @Path("apis/{name}/{version}/state")
    public Uni<JsonNode> apiState(@PathParam("name") String name, @PathParam("version") String version,
                                  StateChange body) {
        Access.platformAdmin(caller.get());
        validator.snake(body);
        return catalog.changeApiState(name, version, body.state())
                .map(a -> connect.one(views.api(a, ConsumerCatalogResource.APIS), null));
    }

    private static List<String> orgs(ProductDtos.VisibilityBody visibility) {
        return visibility.orgIds() == null ? List.of() : visibility.orgIds();
    }
}
