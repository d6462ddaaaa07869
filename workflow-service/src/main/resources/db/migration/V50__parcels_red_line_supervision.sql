-- Parcels, the ecological red line and the supervision of stored land (issue 17).

-- The inspector role (管护巡查员). Roles are rows of app_role once the administration migration (V20) has run; before
-- it they are a check constraint. Either way INSPECTOR becomes a valid role.
do $$
begin
    if to_regclass('reserve.app_role') is not null then
        insert into app_role(name, administrator) values ('INSPECTOR', false) on conflict do nothing;
    else
        alter table app_user drop constraint app_user_role;
        alter table app_user add constraint app_user_role
            check (role in ('APPLICANT','REVIEWER','APPROVER','AUDITOR','OPERATOR','INSPECTOR'));
    end if;
end $$;

-- A project's parcel boundaries, immutable, by the SHA-256 of their canonical GeoJSON (the digest anchored in the
-- project's facts). Changing the boundaries is an amendment: a new project_version naming the new digest.
create table parcel_geometry (
    sha256              char(64) primary key,
    crs                 varchar(64) not null,
    canonical           text not null,
    parcel_count        integer not null check (parcel_count >= 1),
    area_square_meters  numeric(16,2) not null check (area_square_meters > 0),
    created_at          timestamptz not null
);
alter table project_version add column geometry_sha256 char(64) references parcel_geometry(sha256);

-- Imports of the ecological protection red line, each a version anchored on the ledger as a document of the ledger
-- project 'ecological-red-line' (the contract enforces the version chain). The GeoJSON is in the object store.
create table red_line_version (
    id                  varchar(64) primary key,
    version             integer not null unique check (version >= 1),
    previous_id         varchar(64) unique references red_line_version(id),
    object_key          varchar(200) not null unique,
    sha256              char(64) not null,
    sm3                 char(64) not null,
    size_bytes          bigint not null,
    feature_count       integer not null,
    imported_by         varchar(64) not null references app_user(username),
    imported_at         timestamptz not null,
    tx_id               varchar(128) not null,
    block_number        bigint not null,
    anchored_at         timestamptz not null
);

-- Inspections of stored land. The inspection itself is a document (INSPECTION_RECORD, GeoJSON) and each photo a
-- document (INSPECTION_PHOTO), anchored like every document; this table indexes them.
create table inspection (
    id                  varchar(64) primary key,
    project_id          varchar(64) not null references project(id),
    record_document_id  varchar(64) not null unique references document(id),
    inspector           varchar(64) not null references app_user(username),
    inspected_at        timestamptz not null,
    finding             varchar(16) not null
        check (finding in ('NORMAL','OCCUPATION','DUMPING','DAMAGE','FIRE_RISK','OTHER')),
    longitude           double precision,
    latitude            double precision,
    photo_count         integer not null,
    flagged_photos      integer not null,
    recorded_at         timestamptz not null
);
create index inspection_project on inspection(project_id, inspected_at);

-- A finding other than normal opens a rectification for the agency, with a deadline (a Camunda process).
create table rectification (
    id                  varchar(64) primary key,
    project_id          varchar(64) not null references project(id),
    inspection_id       varchar(64) not null unique references inspection(id),
    process_instance_id varchar(64) not null,
    deadline            timestamptz not null,
    status              varchar(16) not null check (status in ('OPEN','DONE','OVERDUE')),
    opened_at           timestamptz not null,
    closed_at           timestamptz
);

-- Missed inspection cycles, escalated once per project and cycle.
create table inspection_escalation (
    project_id          varchar(64) not null references project(id),
    cycle_start         timestamptz not null,
    escalated_at        timestamptz not null,
    primary key (project_id, cycle_start)
);
