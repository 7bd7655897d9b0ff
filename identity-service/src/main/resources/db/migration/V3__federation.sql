-- Federation: upstream OIDC providers (system ones have no organization), the links from an upstream identity to a
-- local user, the in-flight federated logins (state/nonce/PKCE towards the upstream), and tenancy's organizations'
-- email domains (projection of tenancy.events) for routing a login by email domain.

create table oauth2_provider (
    id              uuid          primary key,
    organization_id uuid,
    name            varchar(63)   not null,
    description     varchar(500),
    type            varchar(16)   not null,
    issuer          varchar(500)  not null,
    client_id       varchar(255)  not null,
    -- AES-256-GCM (iv || ciphertext) with the key-encryption key, the provider id as associated data; never returned
    client_secret   bytea,
    created_by      varchar(100),
    modified_by     varchar(100),
    created_at      timestamptz   not null,
    modified_at     timestamptz   not null
);
create unique index oauth2_provider_system_name on oauth2_provider (name) where organization_id is null;
create unique index oauth2_provider_org_name on oauth2_provider (organization_id, name) where organization_id is not null;

create table federated_identity (
    id          uuid          primary key,
    provider_id uuid          not null,
    subject     varchar(255)  not null,
    user_id     uuid          not null,
    email       varchar(70),
    created_at  timestamptz   not null,
    unique (provider_id, subject)
);
create index federated_identity_user on federated_identity (user_id);

create table federated_login (
    id                uuid          primary key,
    state_hash        varchar(64)   not null unique,
    provider_id       uuid          not null,
    params            varchar(8000) not null,
    nonce             varchar(64)   not null,
    code_verifier     varchar(128)  not null,
    redirect_uri      varchar(500)  not null,
    user_id           uuid,
    onboard_hash      varchar(64)   unique,
    expires_at        timestamptz   not null,
    used_at           timestamptz,
    onboarded_at      timestamptz
);

create table organization_directory (
    organization_id uuid          primary key,
    name            varchar(200),
    email_domain    varchar(255)
);
create index organization_directory_domain on organization_directory (email_domain);
