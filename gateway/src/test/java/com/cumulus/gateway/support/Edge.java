package com.cumulus.gateway.support;

import com.cumulus.gateway.server.EdgeServer;
import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the gateway's public server (its own Netty server, bound to a free port in tests), which is not
 * Quarkus' HTTP server that RestAssured's default port points at.
 */
public final class Edge {

    private Edge() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    public static int port() {
        return Arc.container().instance(EdgeServer.class).get().port();
    }
}
