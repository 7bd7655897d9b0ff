-- Managed services: desired state (what the API asked for) and current state (what the driver reached).
create table managed_service (
    id                                 uuid primary key,
    organization_id                    varchar(64)  not null,
    project_id                         varchar(64),
    name                               varchar(50)  not null,
    provider                           varchar(16)  not null,
    region                             varchar(32)  not null,
    tier                               varchar(64)  not null,
    state                              varchar(16)  not null,
    desired_state                      varchar(16)  not null,
    state_reason                       varchar(1000),
    provisioned                        boolean      not null,
    min_total_memory_gb                integer      not null,
    max_total_memory_gb                integer      not null,
    min_replica_memory_gb              integer      not null,
    max_replica_memory_gb              integer      not null,
    num_replicas                       integer      not null,
    idle_scaling                       boolean      not null,
    idle_timeout_minutes               integer      not null,
    ip_access_list                     varchar(20000) not null,
    private_endpoint_ids               varchar(20000) not null,
    encryption_key                     varchar(1000),
    encryption_assumed_role_identifier varchar(1000),
    restored_from_backup_id            uuid,
    password_hash                      varchar(128) not null,
    double_sha1_hash                   varchar(128),
    backup_period_hours                integer,
    backup_retention_hours             integer,
    backup_start_time                  varchar(5),
    created_at                         timestamp(6) with time zone not null,
    updated_at                         timestamp(6) with time zone not null
);
create index managed_service_org_idx on managed_service (organization_id);
create index managed_service_state_idx on managed_service (state);

create table service_backup (
    id                  uuid primary key,
    service_id          uuid         not null,
    organization_id     varchar(64)  not null,
    region              varchar(32)  not null,
    tier                varchar(64)  not null,
    status              varchar(16)  not null,
    type                varchar(16)  not null,
    started_at          timestamp(6) with time zone not null,
    finished_at         timestamp(6) with time zone,
    size_in_bytes       bigint       not null,
    duration_in_seconds integer      not null
);
create index service_backup_service_idx on service_backup (service_id, started_at desc);
create index service_backup_org_idx on service_backup (organization_id);

-- Projections of other services' events.
create table organization_projection (
    organization_id varchar(64) primary key,
    name            varchar(1000),
    paid            boolean     not null,
    updated_at      timestamp(6) with time zone not null
);

create table service_template (
    template_id varchar(64) primary key,
    name        varchar(1000) not null,
    services    varchar(100000) not null,
    updated_at  timestamp(6) with time zone not null
);
