-- Shared by every service's database: POST requests retried with the same Idempotency-Key (docs/idempotency.md).
create table idempotency_key (
    principal       text        not null,
    idempotency_key text        not null,
    method          text        not null,
    path            text        not null,
    state           text        not null,
    status          integer,
    response        text,
    location        text,
    created_at      timestamptz not null default now(),
    primary key (principal, idempotency_key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
