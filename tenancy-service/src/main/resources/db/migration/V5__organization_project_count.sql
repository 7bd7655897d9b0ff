-- The number of projects of each organization, kept by the database itself so that a page of projects reads its
-- total from one row instead of counting the organization's projects on every request (docs/tenancy-service.md,
-- "Read path"). Every insert and delete of a project, by any code path or cascade, goes through the trigger.
alter table organization add column project_count integer not null default 0;

update organization o set project_count = (select count(*) from project p where p.organization_id = o.id);

create function project_count_follow() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        update organization set project_count = project_count + 1 where id = new.organization_id;
    elsif tg_op = 'DELETE' then
        -- a project deleted by the cascade of its organization's delete finds no row here: nothing to count
        update organization set project_count = project_count - 1 where id = old.organization_id;
    elsif new.organization_id <> old.organization_id then
        update organization set project_count = project_count - 1 where id = old.organization_id;
        update organization set project_count = project_count + 1 where id = new.organization_id;
    end if;
    return null;
end;
$$;

create trigger project_count_follow
    after insert or delete or update of organization_id on project
    for each row execute function project_count_follow();
