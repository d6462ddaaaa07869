-- User administration and 等保2.0 level-3 controls (issue 14).

-- Roles as rows: a new role is one insert here (and its enum constant), not a rewritten check constraint.
create table app_role (
    name           varchar(32) primary key,
    administrator  boolean not null
);
insert into app_role values
    ('APPLICANT', false), ('REVIEWER', false), ('APPROVER', false), ('AUDITOR', false), ('OPERATOR', false),
    ('SYSTEM_ADMIN', true), ('SECURITY_ADMIN', true), ('AUDIT_ADMIN', true);

-- Departments: the three reviewing departments are the lifecycle's (their reviewers get its tasks); the system
-- administrator adds others (organisational units of applicants, approvers, auditors…).
create table department (
    slug       varchar(64) primary key check (slug ~ '^[a-z][a-z0-9-]{1,63}$'),
    name_zh    varchar(100) not null,
    name_en    varchar(100) not null,
    reviewing  boolean not null default false,
    enabled    boolean not null default true
);
insert into department(slug, name_zh, name_en, reviewing) values
    ('natural-resources', '自然资源和规划局', 'Natural resources and planning', true),
    ('ecology-environment', '生态环境局', 'Ecology and environment', true),
    ('finance', '财政局', 'Finance', true);

alter table app_user drop constraint app_user_role;
alter table app_user drop constraint app_user_department;
-- an account the system administrator created has no role until the security administrator assigns one
alter table app_user alter column role drop not null;
alter table app_user add constraint app_user_role foreign key (role) references app_role(name);
alter table app_user add constraint app_user_department foreign key (department) references department(slug);
alter table app_user add constraint app_user_reviewer_department check (role <> 'REVIEWER' or department is not null);
alter table app_user
    add column password_changed_at  timestamptz not null default now(),
    add column must_change_password boolean not null default false,
    add column failed_attempts      integer not null default 0 check (failed_attempts >= 0),
    add column locked_until         timestamptz,
    add column last_login_at        timestamptz;

-- Earlier password hashes, for the history rule (the current one is in app_user).
create table password_history (
    username       varchar(64) not null references app_user(username),
    password_hash  varchar(255) not null,
    replaced_at    timestamptz not null
);
create index password_history_user on password_history(username, replaced_at desc);

-- The password, lockout and session policy as the security administrator set it; no row: the settings' defaults.
create table security_policy (
    id                      integer primary key check (id = 1),
    min_length              integer not null,
    min_character_classes   integer not null,
    history                 integer not null,
    max_age_days            integer not null,
    lockout_threshold       integer not null,
    lockout_seconds         integer not null,
    idle_timeout_seconds    integer not null,
    changed_by              varchar(64) not null,
    changed_at              timestamptz not null
);

-- The administrators' log: every administrative action and every security event (failed and locked sign-ins,
-- password changes), hash-chained like the access log; its head is anchored on the ledger.
create table admin_log (
    seq        bigint primary key,
    at         timestamptz not null,
    actor      varchar(64) not null,
    role       varchar(32) not null,
    client     varchar(64) not null,
    action     varchar(32) not null,
    target     varchar(200) not null,
    detail     varchar(1000) not null,
    outcome    varchar(32) not null,
    prev_hash  char(64) not null,
    hash       char(64) not null unique
);
create index admin_log_at on admin_log(at);

create table admin_log_head (
    id    integer primary key check (id = 1),
    seq   bigint not null,
    hash  char(64) not null
);
insert into admin_log_head values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

create table admin_log_anchor (
    seq          bigint primary key,
    hash         char(64) not null,
    evidence_id  varchar(128) not null,
    tx_id        varchar(128) not null,
    anchored_at  timestamptz not null
);

-- Entries are appended, never changed; removed only past the retention period, oldest first, by the service's
-- own retention job (which sets reserve.admin_log_prune for its transaction).
create function admin_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('reserve.admin_log_prune', true) = 'on' then
        return old;
    end if;
    raise exception 'the administrators'' log is append-only' using errcode = '42501';
end $$;
create trigger admin_log_append_only before update or delete on admin_log
    for each row execute function admin_log_append_only();

-- Where the retained chain starts once older entries were removed: the last removed entry's sequence and hash.
create table admin_log_retention (
    id           integer primary key check (id = 1),
    pruned_seq   bigint not null,
    pruned_hash  char(64) not null
);
insert into admin_log_retention values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
