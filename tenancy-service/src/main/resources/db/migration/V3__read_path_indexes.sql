-- Read paths of deploy/bench/tenancy-read.sh and the seed 003 project fields.
-- Members of an organization in list order (seed 004 GET /v1/organizations/{id}/members, seed 001 users).
create index membership_org_joined_idx on membership (organization_id, joined_at, user_id);
-- Users who joined a project through its invitations (seed 003 userUsed, userLimit checks).
create index invitation_project_idx on invitation (project_id) where project_id is not null;
