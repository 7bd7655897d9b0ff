package com.cumulus.catalog.product.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** API states: staged -> online <-> offline -> retired. */
public enum ApiState {
    STAGED, ONLINE, OFFLINE, RETIRED;

    private static final Map<ApiState, Set<ApiState>> NEXT = Map.of(
            STAGED, Set.of(ONLINE, RETIRED),
            ONLINE, Set.of(OFFLINE, RETIRED),
            OFFLINE, Set.of(ONLINE, RETIRED),
            RETIRED, Set.of());

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canMoveTo(ApiState target) {
        return NEXT.get(this).contains(target);
    }

    /** Online and offline APIs are documented to consumers; staged and retired ones are not. */
    public boolean visibleToConsumers() {
        return this == ONLINE || this == OFFLINE;
    }

    public static ApiState parse(String value) {
        if (value != null) {
            for (ApiState state : values()) {
                if (state.value().equals(value)) {
                    return state;
                }
            }
        }
        return null;
    }
}
