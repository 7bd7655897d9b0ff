package com.cumulus.tenancy.project.api.identity;

import com.cumulus.tenancy.project.api.identity.IdentityProjectDtos.ProjectRead;
import com.cumulus.tenancy.project.domain.Project;
import com.cumulus.tenancy.web.IsoTimes;
import com.cumulus.tenancy.web.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A seed 001 project list ({@code [projectRead, ...]}) written field by field with the application's
 * {@link JsonFactory} straight into bytes: the same bytes the {@link ObjectMapper} writes for a
 * {@code List<}{@link ProjectRead}{@code >} (same field order, {@code NON_NULL} metadata, Jackson's escaping, ISO-8601
 * times), without building the DTOs and without the bean serializers' per-property reflection, which were the
 * largest part of the serving cost of a page (about 350 bytes of JSON per project).
 * {@code ProjectListJsonTest} holds the two outputs byte-identical.
 */
@ApplicationScoped
public class ProjectListJson {

    private static final String PROVISIONED = "provisioned";
    private static final String HEALTHY = "healthy";

    private final JsonFactory factory;

    public ProjectListJson(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
    }

    /** The UTF-8 JSON array of the projects' seed 001 views. */
    public byte[] write(List<Project> projects) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(factory._getBufferRecycler(), 512 + 400 * projects.size());
        try (JsonGenerator json = factory.createGenerator(bytes)) {
            json.writeStartArray();
            for (Project p : projects) {
                project(json, p);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = bytes.toByteArray();
        bytes.release();
        return body;
    }

    /** The fields of {@link ProjectRead#of}, in record order. */
    private static void project(JsonGenerator json, Project p) throws IOException {
        json.writeStartObject();
        json.writeFieldName("metadata");
        json.writeStartObject();
        json.writeStringField("id", p.id.toString());
        optional(json, "name", p.name);
        optional(json, "description", p.description);
        json.writeFieldName("tags");
        json.writeStartArray();
        for (Map.Entry<String, String> tag : Json.tags(p.tags).entrySet()) {
            json.writeStartObject();
            json.writeStringField("name", tag.getKey());
            json.writeStringField("value", tag.getValue());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("organizationId", p.organizationId.toString());
        time(json, "creationTime", p.createdAt);
        optional(json, "createdBy", p.createdBy);
        time(json, "modifiedTime", p.modifiedAt);
        optional(json, "modifiedBy", p.modifiedBy);
        json.writeStringField("provisioningStatus", PROVISIONED);
        json.writeStringField("healthStatus", HEALTHY);
        json.writeEndObject();
        json.writeFieldName("spec");
        json.writeStartObject();
        json.writeFieldName("groupIDs");
        json.writeStartArray();
        if (p.groupIds != null && !p.groupIds.isBlank()) {
            for (String group : p.groupIds.split(",")) {
                json.writeString(group);
            }
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void optional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static void time(JsonGenerator json, String field, OffsetDateTime value) throws IOException {
        if (value != null) {
            json.writeFieldName(field);
            IsoTimes.write(json, value);
        }
    }
}
