-- Terminate retries with exponential backoff: attempts made so far and when the next one is due.
alter table managed_service add column terminate_attempts integer not null default 0;
alter table managed_service add column next_attempt_at timestamp(6) with time zone;
-- Quota of the service at tenancy: reserved (synchronously at POST, or confirmed by tenancy's quota.reserved event),
-- requested (a template deployment waiting for tenancy's answer) or rejected (tenancy answered quota.rejected).
alter table managed_service add column quota varchar(16) not null default 'reserved';
