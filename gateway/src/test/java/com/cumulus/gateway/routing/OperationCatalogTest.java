package com.cumulus.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationCatalogTest {

    @Test
    void knowsEveryOperation() {
        assertThat(OperationCatalog.size()).isEqualTo(205);
    }

    @Test
    void methodsAtAPathAreThoseOfItsOperations() {
        assertThat(OperationCatalog.methodsAt("/api/v1/session")).containsExactly("OPTIONS", "POST");
        assertThat(OperationCatalog.methodsAt("/v1/organizations/o-1/services/s-1"))
                .containsExactly("DELETE", "GET", "OPTIONS", "PATCH");
        assertThat(OperationCatalog.methodsAt("/api/v1/admins/u-1")).containsExactly("DELETE", "GET", "OPTIONS", "PUT");
        assertThat(OperationCatalog.methodsAt("/api/v1/admins")).containsExactly("GET", "OPTIONS", "POST");
        assertThat(OperationCatalog.methodsAt("/v1/organizations/o-1/services/")).contains("GET", "POST");
    }

    @Test
    void aPathOfNoOperationHasNoMethods() {
        assertThat(OperationCatalog.methodsAt("/api/v1/nothing-here")).isEmpty();
        assertThat(OperationCatalog.methodsAt("/v1/organizations/o-1/services/s-1/extra/deep")).isEmpty();
    }
}
