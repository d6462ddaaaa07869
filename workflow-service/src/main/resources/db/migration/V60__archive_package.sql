-- The archive package of a sealed project (issue 16): where it is kept in the object store, its digests, its
-- trusted time and the verdict of its 四性检测. The package itself is the evidence; this row finds it.
create table archive_package (
    project_id          varchar(64) primary key references project(id),
    object_key          varchar(128) not null unique,
    size                bigint not null check (size > 0),
    sha256              char(64) not null,
    sm3                 char(64) not null,
    manifest_sha256     char(64) not null,
    time_source         varchar(16) not null check (time_source in ('LOCAL','EXTERNAL')),
    tsa                 varchar(512) not null,
    manifest_stamped_at timestamptz not null,
    verdict             varchar(16) not null check (verdict in ('OK','FAILED','UNPINNED')),
    report              text not null,
    built_at            timestamptz not null
);
