-- Seed 002: API products, APIs, applications, credentials, subscriptions
create table product (
    id           uuid primary key,
    name         varchar(255)  not null,
    version      varchar(255)  not null,
    title        varchar(1023) not null,
    summary      text,
    state        varchar(16)   not null,
    visibility   varchar(16)   not null,
    visible_orgs text          not null,
    plans        text          not null,
    apis         text          not null,
    metadata     text,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    constraint product_name_version unique (name, version)
);
create index product_state on product (state);

create table api (
    id                uuid primary key,
    name              varchar(255)  not null,
    version           varchar(255)  not null,
    title             varchar(1023) not null,
    summary           text,
    state             varchar(16)   not null,
    api_type          varchar(16)   not null,
    visibility        varchar(16)   not null,
    visible_orgs      text          not null,
    document          text,
    wsdl              text,
    wsdl_content_type varchar(64),
    metadata          text,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    constraint api_name_version unique (name, version)
);

create table app (
    id               uuid primary key,
    organization_id  varchar(255)  not null,
    name             varchar(255)  not null,
    title            varchar(1023) not null,
    summary          text,
    state            varchar(16)   not null,
    app_type         varchar(16)   not null,
    application_type varchar(16)   not null,
    redirect_endpoints text        not null,
    metadata         text,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    constraint app_org_name unique (organization_id, name)
);

create table credential (
    id                 uuid primary key,
    app_id             uuid          not null references app (id) on delete cascade,
    organization_id    varchar(255)  not null,
    name               varchar(255)  not null,
    title              varchar(1023) not null,
    summary            text,
    client_id          varchar(64)   not null unique,
    client_secret_hash varchar(64)   not null,
    metadata           text,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    constraint credential_app_name unique (app_id, name)
);
create index credential_org on credential (organization_id);

create table subscription (
    id              uuid primary key,
    app_id          uuid          not null references app (id) on delete cascade,
    organization_id varchar(255)  not null,
    name            varchar(255)  not null,
    title           varchar(1023) not null,
    summary         text,
    product_id      uuid          not null references product (id),
    plan            varchar(255)  not null,
    state           varchar(16)   not null,
    metadata        text,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    constraint subscription_app_name unique (app_id, name)
);
create index subscription_org on subscription (organization_id);

-- Projection of tenancy's projects (project.created/updated/deleted), used to authorize project-scoped calls
create table project_ref (
    project_id      varchar(255) primary key,
    organization_id varchar(255) not null,
    name            varchar(255),
    template_id     varchar(255),
    updated_at      timestamptz  not null
);
create index project_ref_org on project_ref (organization_id);

-- Seed 003: service catalog, project services, consumers, consumer tokens
create table catalog_service (
    code_name   varchar(70)  primary key,
    name        varchar(70)  not null,
    description varchar(200),
    created_at  timestamptz  not null
);

create table project_service (
    id                   uuid primary key,
    project_id           varchar(255) not null,
    organization_id      varchar(255) not null,
    service_catalog_code varchar(70)  not null references catalog_service (code_name),
    name                 varchar(70)  not null,
    description          varchar(200),
    item_limit           integer      not null,
    created_at           timestamptz  not null,
    constraint project_service_code unique (project_id, service_catalog_code)
);

create table consumer (
    id              varchar(32)  primary key,
    organization_id varchar(255) not null,
    created_by      varchar(255),
    created_at      timestamptz  not null
);
create index consumer_org on consumer (organization_id);

create table project_consumer (
    id              uuid primary key,
    project_id      varchar(255) not null,
    consumer_id     varchar(32)  not null references consumer (id) on delete cascade,
    organization_id varchar(255) not null,
    created_at      timestamptz  not null,
    constraint project_consumer_pair unique (project_id, consumer_id)
);

create table consumer_token (
    id                   varchar(32)  primary key,
    consumer_id          varchar(32)  not null references consumer (id) on delete cascade,
    project_id           varchar(255) not null,
    service_catalog_code varchar(70)  not null,
    organization_id      varchar(255) not null,
    token_hash           varchar(64)  not null unique,
    created_at           timestamptz  not null
);
create index consumer_token_scope on consumer_token (project_id, service_catalog_code);

-- Seed 000: project templates and per-project API enablement
create table project_template (
    id           varchar(64)   primary key,
    name         varchar(255)  not null,
    description  varchar(1023),
    parameters   text          not null,
    services     text          not null,
    published_at timestamptz,
    created_at   timestamptz   not null
);

create table gateway_enablement (
    id              uuid primary key,
    project_id      varchar(255) not null,
    organization_id varchar(255) not null,
    service_id      varchar(255) not null,
    enabled_by      varchar(255),
    enabled_at      timestamptz  not null,
    constraint gateway_enablement_pair unique (project_id, service_id)
);
