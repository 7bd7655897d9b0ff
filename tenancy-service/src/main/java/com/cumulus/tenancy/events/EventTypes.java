package com.cumulus.tenancy.events;

/** CloudEvent types tenancy publishes (docs/tenancy-service.md, "Events") and the identity types it consumes. */
public final class EventTypes {
    public static final String ORGANIZATION_CREATED = "com.cumulus.tenancy.organization.created.v1";
    public static final String ORGANIZATION_UPDATED = "com.cumulus.tenancy.organization.updated.v1";
    public static final String ORGANIZATION_DELETED = "com.cumulus.tenancy.organization.deleted.v1";
    public static final String MEMBERSHIP_GRANTED = "com.cumulus.tenancy.membership.granted.v1";
    public static final String MEMBERSHIP_REVOKED = "com.cumulus.tenancy.membership.revoked.v1";
    public static final String PROJECT_CREATED = "com.cumulus.tenancy.project.created.v1";
    public static final String PROJECT_UPDATED = "com.cumulus.tenancy.project.updated.v1";
    public static final String PROJECT_DELETED = "com.cumulus.tenancy.project.deleted.v1";
    public static final String GROUP_CREATED = "com.cumulus.tenancy.group.created.v1";
    public static final String ALLOCATION_CREATED = "com.cumulus.tenancy.allocation.created.v1";
    public static final String ALLOCATION_UPDATED = "com.cumulus.tenancy.allocation.updated.v1";
    public static final String ALLOCATION_DELETED = "com.cumulus.tenancy.allocation.deleted.v1";
    public static final String QUOTA_UPDATED = "com.cumulus.tenancy.quota.updated.v1";
    public static final String QUOTA_RESERVED = "com.cumulus.tenancy.quota.reserved.v1";
    public static final String QUOTA_REJECTED = "com.cumulus.tenancy.quota.rejected.v1";
    public static final String QUOTA_LEASE_EXPIRED = "com.cumulus.tenancy.quota.lease-expired.v1";
    public static final String QUOTA_OVERCOMMITTED = "com.cumulus.tenancy.quota.overcommitted.v1";

    public static final String ACCOUNT_REGISTERED = "com.cumulus.identity.account.registered.v1";
    public static final String USER_CREATED = "com.cumulus.identity.user.created.v1";
    public static final String USER_UPDATED = "com.cumulus.identity.user.updated.v1";
    public static final String USER_DELETED = "com.cumulus.identity.user.deleted.v1";
    public static final String ONBOARDING_REQUESTED = "com.cumulus.identity.onboarding.requested.v1";
    public static final String SERVICE_STATE_CHANGED = "com.cumulus.provisioning.service.state-changed.v1";
    public static final String SERVICE_CREATED = "com.cumulus.provisioning.service.created.v1";
    public static final String SERVICE_QUOTA_REQUESTED = "com.cumulus.provisioning.service.quota-requested.v1";
    public static final String SERVICE_DELETED = "com.cumulus.provisioning.service.deleted.v1";

    private EventTypes() {
    }
}
