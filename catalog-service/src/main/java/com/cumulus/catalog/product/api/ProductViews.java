package com.cumulus.catalog.product.api;

import com.cumulus.catalog.product.api.ProductDtos.ApiLink;
import com.cumulus.catalog.product.api.ProductDtos.ApiRead;
import com.cumulus.catalog.product.api.ProductDtos.ProductRead;
import com.cumulus.catalog.product.api.ProductDtos.VisibilityBody;
import com.cumulus.catalog.product.api.ProductDtos.WsdlInfo;
import com.cumulus.catalog.product.domain.Api;
import com.cumulus.catalog.product.domain.ApiRef;
import com.cumulus.catalog.product.domain.Plan;
import com.cumulus.catalog.product.domain.Product;
import com.cumulus.catalog.product.domain.Visibility;
import com.cumulus.catalog.product.service.ProductCatalog;
import com.cumulus.catalog.web.Connect;
import com.cumulus.common.errors.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/** Maps products and APIs to their seed 002 representations and documents. */
@ApplicationScoped
public class ProductViews {
    private final ProductCatalog catalog;
    private final ObjectMapper mapper;

    public ProductViews(ProductCatalog catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    /** @param productBase {@code /products} or {@code /public-products}; @param apiBase likewise for APIs */
    public ProductRead product(Product p, String productBase, String apiBase) {
        List<ApiLink> apis = catalog.apis(p).stream()
                .map(a -> new ApiLink(a.name(), a.version(), apiBase + "/" + a.name() + "/" + a.version()))
                .toList();
        return new ProductRead("product", Connect.API_VERSION, p.id.toString(), p.name, p.version, p.title,
                p.summary, p.state, visibility(p.visibility, p.visibleOrgs, productBase), catalog.plans(p), apis,
                catalog.metadata(p.metadata), p.createdAt.toString(), p.updatedAt.toString(),
                productBase + "/" + p.name + "/" + p.version);
    }

    public ApiRead api(Api a, String apiBase) {
        String url = apiBase + "/" + a.name + "/" + a.version;
        JsonNode document = catalog.metadata(a.document);
        JsonNode info = document == null ? null : document.get("info");
        WsdlInfo wsdl = a.wsdl == null ? null : new WsdlInfo(a.wsdlContentType, url + "/wsdl");
        return new ApiRead("api", Connect.API_VERSION, a.id.toString(), a.name, a.version, a.title, a.summary,
                a.state, a.apiType, "openapi2", visibility(a.visibility, a.visibleOrgs, apiBase), info, wsdl,
                catalog.metadata(a.metadata), a.createdAt.toString(), a.updatedAt.toString(), url);
    }

    /** Organization ids of custom visibility are only shown on the authenticated paths. */
    private static VisibilityBody visibility(String type, String orgs, String base) {
        List<String> ids = Visibility.CUSTOM.equals(type) && !base.startsWith("/public") && !orgs.isEmpty()
                ? Arrays.asList(orgs.split(",")) : null;
        return new VisibilityBody(type, ids);
    }

    /** The product document in API Connect's product format (product 1.0.0). */
    public JsonNode productDocument(Product p) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("product", "1.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("name", p.name);
        info.put("version", p.version);
        info.put("title", p.title);
        if (p.summary != null) {
            info.put("summary", p.summary);
        }
        doc.putObject("visibility").putObject("view").put("type", p.visibility);
        ObjectNode plans = doc.putObject("plans");
        for (Plan plan : catalog.plans(p)) {
            ObjectNode node = plans.putObject(plan.name());
            node.put("title", plan.title() == null ? plan.name() : plan.title());
            node.put("approval", plan.approval());
            node.putObject("rate-limits").putObject("default")
                    .put("value", plan.rateLimit().requests() + "/" + plan.rateLimit().periodSeconds() + "second");
        }
        ObjectNode apis = doc.putObject("apis");
        for (ApiRef ref : catalog.apis(p)) {
            apis.putObject(ref.name()).put("name", ref.name() + ":" + ref.version());
        }
        return doc;
    }

    public JsonNode apiDocument(Api a) {
        JsonNode document = catalog.metadata(a.document);
        if (document == null) {
            throw ApiException.notFound("api document");
        }
        return document;
    }
}
