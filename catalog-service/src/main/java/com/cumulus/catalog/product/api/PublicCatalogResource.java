package com.cumulus.catalog.product.api;

import com.cumulus.catalog.product.service.ProductCatalog;
import com.cumulus.catalog.product.service.ProductListCache;
import com.cumulus.catalog.web.Connect;
import com.cumulus.catalog.web.Paging;
import com.cumulus.common.web.Yaml;
import com.cumulus.common.errors.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
    private final ProductListCache cache;
    private final ObjectMapper mapper;

    public PublicCatalogResource(ProductCatalog catalog, ProductViews views, Connect connect, ProductListCache cache,
                                 ObjectMapper mapper) {
        this.catalog = catalog;
        this.views = views;
        this.connect = connect;
        this.cache = cache;
        this.mapper = mapper;
    }

    /**
     * A page of the public products (seed 002 list; {@code limit}/{@code offset}, see {@link Paging}), cut from the
     * in-memory product list and rendered once per representation and page (see {@link ProductListCache}).
     */
    @GET
    @Path("public-products")
    public Uni<Response> products(@QueryParam("fields") String fields, @QueryParam("limit") String limit,
                                  @QueryParam("offset") String offset, @Context HttpHeaders headers) {
        Paging paging = Paging.of(limit, offset);
        boolean yaml = headers.getAcceptableMediaTypes().stream().findFirst().map(Yaml::isYaml).orElse(false);
        String key = (yaml ? "yaml|" : "json|") + paging.key() + "|" + (fields == null ? "" : fields);
        return cache.snapshot().map(snapshot -> {
            byte[] body = snapshot.body(key, () -> render(connect.page(paging.of(snapshot.publicOnes()).stream()
                    .map(p -> views.product(p, PRODUCTS, APIS)).toList(), snapshot.publicOnes().size(), fields), yaml));
            return Response.ok(body, yaml ? Yaml.APPLICATION_YAML_TYPE : MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    private byte[] render(JsonNode node, boolean yaml) {
        try {
            return yaml ? Yaml.MAPPER.writeValueAsBytes(node) : mapper.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
