package com.cumulus.catalog.app.api;

import com.cumulus.catalog.app.api.AppDtos.ApplicationTypeRead;
import com.cumulus.catalog.app.api.AppDtos.OauthTypes;
import com.cumulus.catalog.web.Connect;
import com.cumulus.common.web.Yaml;
import com.cumulus.common.errors.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** Seed 002 application types: OAuth client types and the grant types each may use. */
@Path("/application-types")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, Yaml.APPLICATION_YAML})
public class ApplicationTypeResource {
    static final Map<String, ApplicationTypeRead> TYPES = Map.of(
            "public", new ApplicationTypeRead("application_type", Connect.API_VERSION, "public", "public",
                    "Public client", "Browser or mobile apps that cannot keep a client secret",
                    new OauthTypes("public", List.of("implicit", "access_code", "password")),
                    "/application-types/public"),
            "confidential", new ApplicationTypeRead("application_type", Connect.API_VERSION, "confidential",
                    "confidential", "Confidential client", "Server-side apps that keep their client secret",
                    new OauthTypes("confidential", List.of("application", "access_code", "password")),
                    "/application-types/confidential"));

    private final Connect connect;

    public ApplicationTypeResource(Connect connect) {
        this.connect = connect;
    }

    @GET
    @Path("{type}")
    public JsonNode get(@PathParam("type") String type, @QueryParam("fields") String fields) {
        ApplicationTypeRead read = TYPES.get(type);
        if (read == null) {
            throw ApiException.notFound("application type");
        }
        return connect.one(read, fields);
    }
}
