-- A version of each organization's project list, kept by the database itself: every insert, update and delete of a
-- project, by any code path or cascade, advances it in the same transaction. A replica that kept a page of projects
-- at version v serves it again only while a fresh read still finds v (docs/tenancy-service.md, "Kept pages"), so no
-- change is missed, whichever replica or tool made it. One trigger now keeps both the count (V5) and the version:
-- one update of the organization's row per changed project.
alter table organization add column project_version bigint not null default 0;

drop trigger project_count_follow on project;
drop function project_count_follow();

create function project_list_follow() returns trigger language plpgsql as $$
declare
    moved boolean := tg_op = 'UPDATE' and new.organization_id <> old.organization_id;
begin
    -- a project deleted by the cascade of its organization's delete finds no row here: nothing to follow
    if tg_op = 'DELETE' or moved then
        update organization set project_count = project_count - 1, project_version = project_version + 1
        where id = old.organization_id;
    end if;
    if tg_op = 'INSERT' or moved then
        update organization set project_count = project_count + 1, project_version = project_version + 1
        where id = new.organization_id;
    elsif tg_op = 'UPDATE' and not moved then
        update organization set project_version = project_version + 1 where id = new.organization_id;
    end if;
    return null; -- the result of an after trigger is ignored
end
$$;

create trigger project_list_follow after insert or update or delete on project for each row
    execute function project_list_follow();
