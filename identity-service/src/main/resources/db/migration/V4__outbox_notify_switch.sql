-- The outbox trigger's NOTIFY wakes the publishing instance. A writer on that instance starts its relay itself after
-- the commit and sets cumulus.outbox_notify to 'off' for its transaction, sparing the notification (see LoginStore).
create or replace function outbox_event_notify() returns trigger language plpgsql as $$
begin
    if coalesce(current_setting('cumulus.outbox_notify', true), '') <> 'off' then
        perform pg_notify('outbox_event', '');
    end if;
    return null;
end $$;
