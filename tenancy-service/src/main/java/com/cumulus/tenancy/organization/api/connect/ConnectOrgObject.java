package com.cumulus.tenancy.organization.api.connect;

import com.cumulus.tenancy.organization.domain.Organization;
import com.cumulus.tenancy.web.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.Map;

/** Seed 002 consumer organization object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectOrgObject(String type, @JsonProperty("api_version") String apiVersion, String id, String name,
                               String title, String summary, String state, Map<String, String> metadata,
                               @JsonProperty("created_at") OffsetDateTime createdAt,
                               @JsonProperty("updated_at") OffsetDateTime updatedAt, String url) {

    public static final String API_VERSION = "2.0.0";

    public static ConnectOrgObject of(Organization o) {
        return new ConnectOrgObject("consumer_org", API_VERSION, o.id.toString(), o.name, o.displayName(),
                o.description, o.state, Json.tags(o.tags), o.createdAt,
                o.modifiedAt != null ? o.modifiedAt : o.createdAt, "/orgs/" + o.id);
    }
}
