package com.cumulus.tenancy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed configuration of tenancy-service ({@code cumulus.tenancy.*}). */
@ConfigMapping(prefix = "cumulus.tenancy")
public interface TenancyConfig {

    /** Default quotas given to every new organization. */
    Quotas quotas();

    /** List paging. */
    Paging paging();

    /** Invitations. */
    Invitations invitations();

    /** Projects. */
    Projects projects();

    /** Leases of reservations made through the synchronous internal endpoint. */
    Reservations reservations();

    interface Reservations {
        /**
         * How long a reservation made through {@code POST /internal/.../quota-reservations} stays provisional before
         * the reconciler gives it back, unless provisioning's {@code service.created} confirms it first.
         */
        @WithDefault("5m")
        Duration lease();

        /** How often each replica looks for provisional reservations whose lease ran out. */
        @WithDefault("30s")
        Duration reconcileEvery();

        /** Expired reservations released per transaction (a full batch is followed by the next one at once). */
        @WithDefault("500")
        int reconcileBatchSize();
    }

    interface Projects {
        /** Users a new project may admit through project invitations (seed 003 {@code userLimit}). */
        @WithDefault("10")
        int defaultUserLimit();
    }

    interface Invitations {
        /** Days an invitation stays valid when the inviter gives none. */
        @WithDefault("7")
        int defaultExpireDays();

        /** Longest validity an inviter may ask for, in days. */
        @WithDefault("30")
        int maxExpireDays();

        /** Where the mail points invitees to accept (the code is appended as {@code ?code=}). */
        @WithDefault("http://localhost:8080/console/invites")
        String acceptUrl();
    }

    interface Quotas {
        /** Managed services an organization may run. */
        @WithDefault("20")
        int services();

        /** Projects an organization may own. */
        @WithDefault("100")
        int projects();

        /** Total memory (GB) of an organization's services. */
        @WithDefault("1440")
        int memoryGb();
    }

    interface Paging {
        /** Page size when the caller gives none. */
        @WithDefault("100")
        int defaultLimit();

        /** Largest page size a caller may ask for (larger values are clamped). */
        @WithDefault("500")
        int maxLimit();

        /**
         * Pages of projects each replica keeps, stamped with their organization's project version and served again
         * only while the version is unchanged (one small statement instead of the page's); 0 keeps none.
         */
        @WithDefault("1024")
        int projectPageCacheSize();
    }
}
