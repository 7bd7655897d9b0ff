package com.cumulus.tenancy.project;

import com.cumulus.common.testing.TestTokens;
import com.cumulus.tenancy.Fixtures;
import com.cumulus.tenancy.project.api.identity.IdentityProjectDtos.ProjectRead;
import com.cumulus.tenancy.project.api.identity.ProjectListJson;
import com.cumulus.tenancy.project.domain.Project;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed seed 001 project list is byte for byte what the application's ObjectMapper writes for the DTOs, for
 * every shape of value a row can hold, and through HTTP the list and the single-project read agree.
 */
@QuarkusTest
class ProjectListJsonTest {

    @Inject
    ObjectMapper mapper;
    @Inject
    ProjectListJson listJson;

    private static Project project(String name, String description, String tags, String groupIds,
                                   OffsetDateTime createdAt, String createdBy, OffsetDateTime modifiedAt,
                                   String modifiedBy) {
        Project p = new Project();
        p.id = UUID.randomUUID();
        p.organizationId = UUID.randomUUID();
        p.name = name;
        p.description = description;
        p.tags = tags;
        p.groupIds = groupIds;
        p.createdAt = createdAt;
        p.createdBy = createdBy;
        p.modifiedAt = modifiedAt;
        p.modifiedBy = modifiedBy;
        return p;
    }

    private byte[] viaDtos(List<Project> projects) throws Exception {
        return mapper.writeValueAsBytes(projects.stream().map(ProjectRead::of).toList());
    }

    @Test
    void everyShapeOfRowIsWrittenAsTheDtosAre() throws Exception {
        OffsetDateTime utc = OffsetDateTime.of(2026, 12, 4, 5, 21, 7, 123_456_000, ZoneOffset.UTC);
        List<Project> projects = new ArrayList<>();
        projects.add(project("plain", "a description", null, "", utc, "alice", null, null));
        projects.add(project("quotes-\"and\\-slashes/", "line\nbreak\ttab\r\b\f\u0001\u001f\u007f", "{}", null,
                utc.withNano(0), null, utc.withNano(100_000_000), "bob"));
        projects.add(project("unicode-é-中文-😀", null, "{\"tier\":\"gold\",\"empty\":null,\"ünï\":\"😀\"}", "g1,g2",
                utc.withNano(1), "carol", utc.withNano(999_999_999), "dave"));
        projects.add(project("odd-groups", "", "not json", "a,,b,", utc.withYear(999).withSecond(0), "erin",
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6_000, ZoneOffset.ofHours(2)), "frank"));
        projects.add(project("no-times", null, "[]", " ", null, null, null, null));
        projects.add(project(null, null, null, null, utc.withYear(10_000), null, null, null));

        assertThat(new String(listJson.write(projects), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(viaDtos(projects), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(listJson.write(projects)).isEqualTo(viaDtos(projects));
        assertThat(listJson.write(List.of())).isEqualTo(viaDtos(List.of()));
    }

    @Test
    void theListCarriesTheSameBytesAndContentTypeAsTheSingleRead() {
        TestTokens alice = TestTokens.newUser();
        String org = Fixtures.organization(alice);
        String base = "/api/v1/organizations/" + org + "/projects";
        String id = given().header("Authorization", alice.bearer()).contentType(ContentType.JSON)
                .body(Map.of("metadata", Map.of("name", "json-1", "description", "ünïcode \"quoted\"",
                                "tags", List.of(Map.of("name", "tier", "value", "gold"))),
                        "spec", Map.of("groupIDs", List.of("g1", "g2"))))
                .post(base).then().statusCode(202).extract().path("metadata.id");

        ExtractableResponse<Response> list = given().header("Authorization", alice.bearer()).get(base)
                .then().statusCode(200).extract();
        ExtractableResponse<Response> single = given().header("Authorization", alice.bearer()).get(base + "/" + id)
                .then().statusCode(200).extract();
        assertThat(list.asString()).isEqualTo("[" + single.asString() + "]");
        assertThat(list.contentType()).isEqualTo(single.contentType());
        assertThat(list.header("Content-Length")).isEqualTo(String.valueOf(list.asByteArray().length));
    }
}
