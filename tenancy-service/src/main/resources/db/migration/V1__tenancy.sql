-- tenancy-service schema: organizations (= accounts), memberships, user profiles (projection of identity's users),
-- projects, groups, quotas and reservations, activities, notifications.
create table organization (
    id            uuid primary key,
    name          text        not null,
    title         text,
    description   text,
    org_type      text        not null,
    email_domain  text,
    state         text        not null,
    paid          boolean     not null default false,
    address       text,
    phone         text,
    email         text,
    tags          text,
    private_endpoints text,
    created_at    timestamptz not null,
    created_by    text,
    modified_at   timestamptz,
    modified_by   text
);
create index organization_name_idx on organization (name);

create table user_profile (
    user_id    text primary key,
    email      text,
    first_name text,
    last_name  text,
    updated_at timestamptz not null
);
create index user_profile_email_idx on user_profile (lower(email));

create table membership (
    id              uuid primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    user_id         text        not null,
    roles           text        not null,
    state           text        not null,
    joined_at       timestamptz not null,
    last_active     timestamptz,
    unique (organization_id, user_id)
);
create index membership_user_idx on membership (user_id);

create table org_group (
    id                  uuid primary key,
    organization_id     uuid        not null references organization (id) on delete cascade,
    name                text        not null,
    description         text,
    user_ids            text        not null default '',
    service_account_ids text        not null default '',
    role_ids            text        not null default '',
    created_at          timestamptz not null,
    created_by          text,
    modified_at         timestamptz,
    modified_by         text,
    unique (organization_id, name)
);

create table project (
    id                 uuid primary key,
    organization_id    uuid        not null references organization (id) on delete cascade,
    name               text        not null,
    description        text,
    customer_id        text,
    status             text        not null,
    plan               text,
    template_id        text,
    user_limit         integer,
    group_ids          text        not null default '',
    tags               text,
    push_fcm_api_key   text,
    push_fcm_project_number text,
    push_apns_cert     text,
    created_at         timestamptz not null,
    created_by         text,
    modified_at        timestamptz,
    modified_by        text
);
create index project_org_name_idx on project (organization_id, name, id);

create table quota (
    organization_id uuid    not null references organization (id) on delete cascade,
    kind            text    not null,
    quantity        integer not null,
    used            integer not null default 0,
    primary key (organization_id, kind)
);

create table quota_reservation (
    id              uuid primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    kind            text        not null,
    quantity        integer     not null,
    reference       text        not null,
    created_at      timestamptz not null,
    unique (organization_id, reference)
);

create table activity (
    id              uuid primary key,
    event_id        uuid        not null unique,
    organization_id text        not null,
    type            text        not null,
    actor_type      text,
    actor_id        text,
    actor_details   text,
    actor_ip        text,
    service_id      text,
    created_at      timestamptz not null
);
create index activity_org_time_idx on activity (organization_id, created_at, id);

create table notification (
    id          uuid primary key,
    project_id  uuid        not null references project (id) on delete cascade,
    topic       text        not null,
    topic_id    text        not null,
    title       text,
    description text,
    url         text,
    source      text,
    level       text,
    status      text,
    created_at  timestamptz not null,
    unique (project_id, topic, topic_id)
);

create table invitation (
    id              uuid primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    project_id      uuid        references project (id) on delete cascade,
    email           text        not null,
    roles           text        not null,
    code            text        not null unique,
    secure          boolean     not null default false,
    expires_at      timestamptz not null,
    accepted_at     timestamptz,
    accepted_by     text,
    created_at      timestamptz not null,
    created_by      text
);
create index invitation_org_idx on invitation (organization_id, created_at);
create index invitation_email_idx on invitation (lower(email));

create table org_role (
    id              uuid primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    name            text        not null,
    title           text,
    summary         text,
    permissions     text        not null default '',
    created_at      timestamptz not null,
    modified_at     timestamptz,
    unique (organization_id, name)
);

-- No card data: a payment provider's token and at most the last four digits.
create table payment_method (
    id              uuid primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    name            text,
    title           text,
    provider        text        not null,
    provider_token  text        not null,
    last_four       text,
    state           text        not null,
    created_at      timestamptz not null,
    modified_at     timestamptz
);
create index payment_method_org_idx on payment_method (organization_id);
