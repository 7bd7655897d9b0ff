package com.cumulus.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.cumulus.gateway.support.Edge.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The suite's merged OpenAPI document, tolerant of a service that is down. */
@QuarkusTest
class MergedOpenApiTest {

    @Test
    void mergesTheRoutedOperationsOfEveryReachableService() {
        given().when().get("/q/openapi-merged").then()
                .statusCode(200)
                .body("openapi", equalTo("3.0.3"))
                .body("paths.'/oauth2/v2/userinfo'.get.operationId", equalTo("userinfo"))
                .body("paths.'/api/v1/projects'.get.operationId", equalTo("listProjects"))
                .body("paths.'/products'.get.operationId", equalTo("listProducts"))
                // not routed by the gateway
                .body("paths.'/internal/organizations/{id}/quota-reservations'", nullValue())
                // two services define "Project" differently: the later one is prefixed, its references follow
                .body("components.schemas.Project.properties.name", notNullValue())
                .body("components.schemas.CatalogProject.properties.template", notNullValue())
                .body("paths.'/products'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/CatalogProject"))
                .body("paths.'/api/v1/projects'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Project"))
                // provisioning is down in the tests
                .body("'x-cumulus-unavailable'", hasItem("provisioning"));
    }
}
