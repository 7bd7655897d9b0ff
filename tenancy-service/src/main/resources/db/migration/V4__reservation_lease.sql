-- Reservations made through the synchronous internal endpoint start 'provisional' with a lease (expires_at):
-- provisioning's service.created event confirms them; the lease reconciler releases the provisional ones whose lease
-- ran out (a reservation whose service was never inserted). Reservations made by events, and every reservation that
-- existed before this migration, are 'confirmed' (no expiry).
alter table quota_reservation add column status text not null default 'confirmed';
alter table quota_reservation add column expires_at timestamptz;
alter table quota_reservation add constraint quota_reservation_status_check
    check (status = 'confirmed' and expires_at is null or status = 'provisional' and expires_at is not null);
-- the reconciler's scan: only provisional rows, oldest lease first
create index quota_reservation_lease_idx on quota_reservation (expires_at) where status = 'provisional';
