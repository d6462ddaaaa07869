-- The project's own facts as evidence: one row per version, anchored on the ledger as a PROJECT record. The project
-- row keeps the current facts for display and search; the audit compares it with the latest anchored version.
create table project_version (
    id                  varchar(64) primary key,
    project_id          varchar(64) not null references project(id),
    version             integer not null check (version >= 1),
    previous_id         varchar(64) references project_version(id),
    code                varchar(32) not null,
    name                varchar(200) not null,
    district            varchar(100) not null,
    area_square_meters  numeric(14,2) not null check (area_square_meters > 0),
    former_industrial   boolean not null,
    published           boolean not null,
    actor               varchar(64) not null,
    role                varchar(32) not null,
    reason              varchar(500) not null,
    recorded_at         timestamptz not null,
    anchor_state        varchar(16) not null default 'PENDING' check (anchor_state in ('PENDING','ANCHORED')),
    tx_id               varchar(128),
    block_number        bigint,
    anchored_at         timestamptz,
    unique (project_id, version),
    unique (previous_id)
);
create index project_version_pending on project_version(project_id) where anchor_state = 'PENDING';

-- Projects created before their facts were evidence get a first version now, anchored by the sweeper; a sealed
-- project can take nothing more, so it gets none (its audit says its facts were never anchored).
insert into project_version (id, project_id, version, previous_id, code, name, district, area_square_meters,
        former_industrial, published, actor, role, reason, recorded_at)
select 'pv-' || md5(p.id), p.id, 1, null, p.code, p.name, p.district, p.area_square_meters, p.former_industrial,
       p.published, p.created_by, 'APPLICANT', '升级时补记 recorded at upgrade', p.created_at
from project p where not exists (select 1 from seal s where s.project_id = p.id);

-- Evidence whose anchoring the ledger refused for good (e.g. its project was sealed first): an operator's incident.
alter table document drop constraint document_anchor_state_check;
alter table document add constraint document_anchor_state_check
    check (anchor_state in ('PENDING','ANCHORED','REFUSED'));
alter table document add column anchor_refusal varchar(500);
