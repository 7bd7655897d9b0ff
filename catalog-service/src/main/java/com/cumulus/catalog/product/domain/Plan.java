package com.cumulus.catalog.product.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A plan of a product: its rate limit and whether subscriptions need an administrator's approval. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Plan(String name, String title, @JsonProperty("rate_limit") RateLimit rateLimit, boolean approval) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RateLimit(long requests, @JsonProperty("period_seconds") long periodSeconds) {
    }
}
