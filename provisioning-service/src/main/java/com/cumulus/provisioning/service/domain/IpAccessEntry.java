package com.cumulus.provisioning.service.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One allowed source (IP address or CIDR block) of a service. */
@RegisterForReflection
public record IpAccessEntry(String source, String description) {
}
