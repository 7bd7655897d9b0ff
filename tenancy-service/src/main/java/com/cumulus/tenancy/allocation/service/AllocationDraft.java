package com.cumulus.tenancy.allocation.service;

import com.cumulus.tenancy.allocation.domain.Allocation;

import java.util.List;

/** What a client writes for an allocation (seed 001 allocationWrite), independent of the dialect. */
public record AllocationDraft(String name, String description, String tags, String ownerKind, String ownerId,
                              List<Allocation.Item> items) {
}
