package com.cumulus.catalog.product.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A product's reference to one API version. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiRef(String name, String version) {
}
