-- identity-service schema. Secrets are stored only as hashes (Argon2id for passwords, SHA-256 hex for machine secrets);
-- signing keys' private parts are AES-GCM encrypted with the key-encryption key from configuration.

create table signing_key (
    kid          varchar(64)  primary key,
    algorithm    varchar(16)  not null,
    public_jwk   varchar(2000) not null,
    private_key  bytea        not null,
    created_at   timestamptz  not null,
    retired_at   timestamptz,
    drop_after   timestamptz
);

create table app_user (
    id              uuid         primary key,
    email           varchar(70)  not null unique,
    first_name      varchar(32),
    last_name       varchar(32),
    password_hash   varchar(255),
    organization_id uuid,
    role            varchar(32),
    platform_admin  boolean      not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);

create table membership (
    organization_id uuid         not null,
    user_id         uuid         not null,
    roles           varchar(1000) not null,
    primary key (organization_id, user_id)
);
create index membership_user on membership (user_id);

create table registration (
    id                uuid         primary key,
    email             varchar(70)  not null,
    organization_name varchar(100) not null,
    code_hash         varchar(64)  not null,
    code_expires_at   timestamptz  not null,
    created_at        timestamptz  not null,
    completed_at      timestamptz
);
create index registration_email on registration (email);

create table password_reset (
    id          uuid        primary key,
    user_id     uuid        not null,
    token_hash  varchar(64) not null unique,
    expires_at  timestamptz not null,
    used_at     timestamptz
);

create table login_throttle (
    throttle_key varchar(200) primary key,
    failures     integer      not null,
    locked_until timestamptz,
    updated_at   timestamptz  not null
);

create table user_session (
    id          uuid         primary key,
    user_id     uuid         not null,
    client_id   varchar(100),
    cookie_hash varchar(64)  unique,
    auth_time   timestamptz  not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    revoked_at  timestamptz
);
create index user_session_user on user_session (user_id);

create table issued_token (
    jti        uuid        primary key,
    session_id uuid        not null,
    expires_at timestamptz not null
);
create index issued_token_session on issued_token (session_id);

create table refresh_token (
    token_hash varchar(64)  primary key,
    session_id uuid         not null,
    client_id  varchar(100) not null,
    scope      varchar(500),
    nonce      varchar(255),
    created_at timestamptz  not null,
    expires_at timestamptz  not null,
    used_at    timestamptz
);
create index refresh_token_session on refresh_token (session_id);

create table oauth_client (
    client_id       varchar(100)  primary key,
    name            varchar(200)  not null,
    kind            varchar(16)   not null,
    secret_hash     varchar(64),
    public_client   boolean       not null,
    redirect_uris   varchar(4000) not null,
    organization_id uuid,
    state           varchar(16)   not null,
    external_id     varchar(100),
    created_at      timestamptz   not null
);

create table authorization_code (
    code_hash      varchar(64)   primary key,
    client_id      varchar(100)  not null,
    session_id     uuid          not null,
    redirect_uri   varchar(2000) not null,
    scope          varchar(500),
    nonce          varchar(255),
    code_challenge varchar(128),
    expires_at     timestamptz   not null,
    used_at        timestamptz
);

create table api_key (
    id              uuid         primary key,
    organization_id uuid         not null,
    name            varchar(100) not null,
    secret_hash     varchar(64)  not null,
    roles           varchar(100) not null,
    state           varchar(16)  not null,
    key_suffix      varchar(8)   not null,
    created_at      timestamptz  not null,
    expire_at       timestamptz,
    used_at         timestamptz
);
create index api_key_org on api_key (organization_id);

create table service_account (
    id               uuid          primary key,
    organization_id  uuid          not null,
    name             varchar(100)  not null,
    description      varchar(500),
    group_ids        varchar(4000) not null,
    token_jti        uuid          not null,
    token_expires_at timestamptz   not null,
    created_by       varchar(100),
    modified_by      varchar(100),
    created_at       timestamptz   not null,
    modified_at      timestamptz   not null
);
create index service_account_org on service_account (organization_id);
