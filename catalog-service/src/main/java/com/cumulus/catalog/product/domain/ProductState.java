package com.cumulus.catalog.product.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Product lifecycle: pending -> staged -> published -> deprecated -> retired -> archived. */
public enum ProductState {
    PENDING, STAGED, PUBLISHED, DEPRECATED, RETIRED, ARCHIVED;

    private static final Map<ProductState, Set<ProductState>> NEXT = Map.of(
            PENDING, Set.of(STAGED),
            STAGED, Set.of(PUBLISHED),
            PUBLISHED, Set.of(DEPRECATED, RETIRED),
            DEPRECATED, Set.of(PUBLISHED, RETIRED),
            RETIRED, Set.of(ARCHIVED),
            ARCHIVED, Set.of());

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canMoveTo(ProductState target) {
        return NEXT.get(this).contains(target);
    }

    /** Only published and deprecated products are visible to consumers. */
    public boolean visibleToConsumers() {
        return this == PUBLISHED || this == DEPRECATED;
    }

    public static ProductState parse(String value) {
        if (value != null) {
            for (ProductState state : values()) {
                if (state.value().equals(value)) {
                    return state;
                }
            }
        }
        return null;
    }
}
