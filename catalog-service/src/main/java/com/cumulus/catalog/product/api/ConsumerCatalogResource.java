package com.cumulus.catalog.product.api;

import com.cumulus.catalog.product.domain.Api;
import com.cumulus.catalog.product.service.ProductCatalog;
import com.cumulus.catalog.product.domain.Visibility;
import com.cumulus.catalog.product.service.ProductListCache;
import com.cumulus.catalog.web.Connect;
import com.cumulus.catalog.web.Paging;
import com.cumulus.common.web.Yaml;
import com.cumulus.common.security.CurrentCaller;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Seed 002 consumer catalog: what the caller's consumer organizations may see (public, authenticated, custom). */
@Path("/")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
public class ConsumerCatalogResource {
    static final String PRODUCTS = "/products";
    static final String APIS = "/apis";

    private final ProductCatalog catalog;
    private final ProductViews views;
    private final Connect connect;
    private final CurrentCaller caller;
    private final ProductListCache cache;

    public ConsumerCatalogResource(ProductCatalog catalog, ProductViews views, Connect connect, CurrentCaller caller,
                                   ProductListCache cache) {
        this.cache = cache;
        this.catalog = catalog;
        this.views = views;
        this.connect = connect;
        this.caller = caller;
    }

    /** A page ({@link Paging}) of the products the caller's organizations may see, from the in-memory list. */
    @GET
    @Path("products")
    public Uni<JsonNode> products(@QueryParam("fields") String fields, @QueryParam("limit") String limit,
                                  @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        var who = caller.get();
        return cache.snapshot().map(snapshot -> {
            var visible = snapshot.visible().stream()
                    .filter(p -> Visibility.allows(p.visibility, p.visibleOrgs, who)).toList();
            return connect.page(paging.of(visible).stream().map(p -> views.product(p, PRODUCTS, APIS)).toList(),
                    visible.size(), fields);
        });
    }

    @GET
    @Path("products/{name}/{version}")
    public Uni<JsonNode> product(@PathParam("name") String name, @PathParam("version") String version,
                                 @QueryParam("fields") String fields) {
        return catalog.product(name, version, caller.get()).map(p -> connect.one(views.product(p, PRODUCTS, APIS), fields));
    }

    @GET
    @Path("products/{name}/{version}/document")
    public Uni<JsonNode> productDocument(@PathParam("name") String name, @PathParam("version") String version) {
        return catalog.product(name, version, caller.get()).map(views::productDocument);
    }

    @GET
    @Path("apis/{name}/{version}")
    public Uni<JsonNode> api(@PathParam("name") String name, @PathParam("version") String version,
                             @QueryParam("fields") String fields) {
        return catalog.api(name, version, caller.get()).map(a -> connect.one(views.api(a, APIS), fields));
    }

    @GET
    @Path("apis/{name}/{version}/document")
    public Uni<JsonNode> apiDocument(@PathParam("name") String name, @PathParam("version") String version) {
        return catalog.api(name, version, caller.get()).map(views::apiDocument);
    }

    @GET
    @Path("apis/{name}/{version}/wsdl")
    @Produces({"application/wsdl+xml", "application/wsdl", "text/xml", MediaType.APPLICATION_JSON})
    public Uni<Response> wsdl(@PathParam("name") String name, @PathParam("version") String version) {
        return catalog.api(name, version, caller.get()).map(ConsumerCatalogResource::wsdlResponse);
    }

    static Response wsdlResponse(Api api) {
        return PublicCatalogResource.wsdlOf(api);
    }
}
