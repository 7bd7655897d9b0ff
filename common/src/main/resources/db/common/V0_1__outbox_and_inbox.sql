-- Shared by every service's database: the transactional outbox and the idempotent-consumer ledger.
create table outbox_event (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    aggregate_id text        not null,
    event_type   text        not null,
    payload      text        not null,
    created_at   timestamptz not null default clock_timestamp()
);

-- Wakes the relay at commit time (notifications are delivered only if the transaction commits).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end $$;

create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_event_notify();

create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
