package com.cumulus.provisioning.quota;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record QuotaReservationRequest(String kind, int quantity, String reference) {
}
