package com.cumulus.catalog.template.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A managed service a template deploys (the template.published event's {@code services} items). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateService(String name, String provider, String region, String tier, int memoryGb) {
}
