package com.cumulus.catalog.template.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A parameter a user supplies when creating a project from a template. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateParameter(String name, String description, String type, boolean required,
                                @JsonProperty("default") String defaultValue) {
}
