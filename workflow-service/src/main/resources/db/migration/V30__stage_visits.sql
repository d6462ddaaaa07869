-- Which stage each project was in and when: one row per visit (a project sent back for revision or rectification
-- starts a new visit of the earlier stage). Written by the service as tasks are created; read by the cockpit and
-- the reserve land register. Not evidence: the anchored decisions are; this is an index of their dates.
create table stage_visit (
    id          bigserial primary key,
    project_id  varchar(64) not null references project(id),
    stage       varchar(32) not null,
    entered_at  timestamptz not null,
    left_at     timestamptz,
    constraint stage_visit_order check (left_at is null or left_at >= entered_at)
);
create index stage_visit_project on stage_visit(project_id, entered_at);
create index stage_visit_entered on stage_visit(stage, entered_at);
create unique index stage_visit_one_open on stage_visit(project_id) where left_at is null;

-- Projects that existed before this table: their opening, and the stage they are in since their last change.
-- The stages between were not recorded and stay unknown (no dates are invented).
insert into stage_visit(project_id, stage, entered_at, left_at)
    select id, 'INITIATION', created_at,
           case when current_stage = 'INITIATION' and status = 'ACTIVE' then null else updated_at end
    from project;
insert into stage_visit(project_id, stage, entered_at, left_at)
    select id, current_stage, updated_at, case when status = 'REJECTED' then updated_at end
    from project where current_stage <> 'INITIATION';
