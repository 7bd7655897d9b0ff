-- Seed 001 allocations: resources a project holds against its organization's quotas. The quota row keeps the total in
-- `used` (projects, provisioning's reservations and allocations together) and the part allocations hold as
-- "reserved" (may be used, e.g. autoscaled) in `reserved`; committed = used - reserved.
alter table quota add column reserved integer not null default 0;

create table allocation (
    id              uuid primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    project_id      uuid        not null references project (id) on delete cascade,
    name            text        not null,
    description     text,
    tags            text,
    owner_kind      text        not null,
    owner_id        text        not null,
    -- JSON [{kind, committed, reserved}], one entry per quota kind
    items           text        not null,
    created_at      timestamptz not null,
    created_by      text,
    modified_at     timestamptz,
    modified_by     text,
    unique (project_id, name)
);
create index allocation_org_idx on allocation (organization_id, created_at, id);

-- Seed 003 project `services`: projection of catalog's project-service attach/detach events.
create table project_service (
    project_id           uuid    not null references project (id) on delete cascade,
    service_catalog_code text    not null,
    name                 text,
    item_limit           integer,
    attached_at          timestamptz not null,
    primary key (project_id, service_catalog_code)
);

