-- The service's own tables, in schema "reserve" beside Camunda's (which live in the default schema).

create table app_user (
    username      varchar(64) primary key,
    display_name  varchar(128) not null,
    password_hash varchar(255) not null,
    role          varchar(32) not null,
    department    varchar(64),
    enabled       boolean not null default true,
    created_at    timestamptz not null default now(),
    constraint app_user_role check (role in ('APPLICANT','REVIEWER','APPROVER','AUDITOR','OPERATOR')),
    constraint app_user_department check ((role = 'REVIEWER') = (department is not null))
);

create table project (
    id                  varchar(64) primary key,
    code                varchar(32) not null unique,
    name                varchar(200) not null,
    district            varchar(100) not null,
    area_square_meters  numeric(14,2) not null check (area_square_meters > 0),
    former_industrial   boolean not null,
    description         varchar(4000),
    status              varchar(16) not null check (status in ('ACTIVE','REJECTED','ARCHIVED')),
    current_stage       varchar(32) not null,
    published           boolean not null default false,
    process_instance_id varchar(64),
    created_by          varchar(64) not null references app_user(username),
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create sequence project_code_seq;

-- One row per stored document version. The ledger holds the anchored copy of the record fields.
create table document (
    id                  varchar(64) primary key,
    project_id          varchar(64) not null references project(id),
    stage               varchar(32) not null,
    document_type       varchar(64) not null,
    version             integer not null check (version >= 1),
    previous_id         varchar(64) references document(id),
    task_id             varchar(64),
    object_key          varchar(200) not null unique,
    object_version      varchar(200),
    original_name       varchar(255) not null,
    media_type          varchar(128) not null,
    size_bytes          bigint not null check (size_bytes > 0),
    sha256              char(64) not null,
    sm3                 char(64) not null,
    classification      varchar(16) not null check (classification in ('PUBLIC','INTERNAL','SENSITIVE')),
    uploaded_by         varchar(64) not null references app_user(username),
    uploaded_at         timestamptz not null,
    anchor_state        varchar(16) not null default 'PENDING' check (anchor_state in ('PENDING','ANCHORED')),
    tx_id               varchar(128),
    block_number        bigint,
    anchored_at         timestamptz,
    unique (previous_id)
);
create index document_project on document(project_id, uploaded_at);
create index document_sha256 on document(sha256);
create index document_pending on document(project_id) where anchor_state = 'PENDING';

-- One row per completed user task.
create table decision (
    id                          varchar(64) primary key,
    project_id                  varchar(64) not null references project(id),
    stage                       varchar(32) not null,
    task_id                     varchar(64) not null unique,
    element_id                  varchar(100) not null,
    process_definition_id       varchar(200) not null,
    process_definition_version  integer not null,
    outcome                     varchar(32) not null,
    opinion                     varchar(4000) not null,
    opinion_sha256              char(64) not null,
    actor                       varchar(64) not null references app_user(username),
    role                        varchar(64) not null,
    relied_on                   text not null,
    decided_at                  timestamptz not null,
    anchor_state                varchar(16) not null default 'PENDING' check (anchor_state in ('PENDING','ANCHORED')),
    tx_id                       varchar(128),
    block_number                bigint,
    anchored_at                 timestamptz
);
create index decision_project on decision(project_id, decided_at);

create table seal (
    project_id      varchar(64) primary key references project(id),
    evidence_id     varchar(128) not null unique,
    root            char(64) not null,
    evidence_count  integer not null,
    manifest        text not null,
    tx_id           varchar(128) not null,
    block_number    bigint not null,
    sealed_at       timestamptz not null
);

-- Overdue reviews that the deadline timer escalated.
create table escalation (
    id           bigserial primary key,
    project_id   varchar(64) not null references project(id),
    task_id      varchar(64) not null,
    element_id   varchar(100) not null,
    escalated_at timestamptz not null
);
