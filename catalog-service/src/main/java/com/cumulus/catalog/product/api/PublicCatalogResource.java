package com.cumulus.catalog.product.api;

import com.cumulus.catalog.product.service.ProductCatalog;
import com.cumulus.catalog.web.Connect;
import com.cumulus.catalog.web.Yaml;
import com.cumulus.common.errors.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Seed 002 public catalog: no token; only public products (published/deprecated) and public APIs. */
@Path("/")
@Produces({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
public class PublicCatalogResource {
    static final String PRODUCTS = "/public-products";
    static final String APIS = "/public-apis";

    private final ProductCatalog catalog;
    private final ProductViews views;
    private final Connect connect;

    public PublicCatalogResource(ProductCatalog catalog, ProductViews views, Connect connect) {
        this.catalog = catalog;
        this.views = views;
        this.connect = connect;
    }

    @GET
    @Path("public-products")
    public Uni<JsonNode> products(@QueryParam("fields") String fields) {
        return catalog.products(null).map(list -> connect.list(
                list.stream().map(p -> views.product(p, PRODUCTS, APIS)).toList(), fields));
    }

    @GET
    @Path("public-products/{name}/{version}")
    public Uni<JsonNode> product(@PathParam("name") String name, @PathParam("version") String version,
                                 @QueryParam("fields") String fields) {
        return catalog.product(name, version, null).map(p -> connect.one(views.product(p, PRODUCTS, APIS), fields));
    }

    @GET
    @Path("public-products/{name}/{version}/document")
    public Uni<JsonNode> productDocument(@PathParam("name") String name, @PathParam("version") String version) {
        return catalog.product(name, version, null).map(views::productDocument);
    }

    @GET
    @Path("public-apis/{name}/{version}")
    public Uni<JsonNode> api(@PathParam("name") String name, @PathParam("version") String version,
                             @QueryParam("fields") String fields) {
        return catalog.api(name, version, null).map(a -> connect.one(views.api(a, APIS), fields));
    }

    @GET
    @Path("public-apis/{name}/{version}/document")
    public Uni<JsonNode> apiDocument(@PathParam("name") String name, @PathParam("version") String version) {
        return catalog.api(name, version, null).map(views::apiDocument);
    }

    @GET
    @Path("public-apis/{name}/{version}/wsdl")
    @Produces({"application/wsdl+xml", "application/wsdl", "text/xml", MediaType.APPLICATION_JSON})
    public Uni<Response> wsdl(@PathParam("name") String name, @PathParam("version") String version) {
        return catalog.api(name, version, null).map(PublicCatalogResource::wsdlOf);
    }

    static Response wsdlOf(com.cumulus.catalog.product.domain.Api api) {
        if (api.wsdl == null) {
            throw ApiException.notFound("api wsdl");
        }
        return Response.ok(api.wsdl, api.wsdlContentType).build();
    }
}
