-- Every verification, download and public query: who, what, when, with what outcome. Each entry's hash covers the
-- previous entry's hash, so removing or editing an entry breaks the chain; the head is anchored on the ledger.
create table access_log (
    seq        bigint primary key,
    at         timestamptz not null,
    actor      varchar(64) not null,
    client     varchar(64) not null,
    action     varchar(32) not null,
    target     varchar(512) not null,
    status     integer not null,
    prev_hash  char(64) not null,
    hash       char(64) not null unique
);

-- One row: the chain's head, locked while appending so that entries are strictly ordered.
create table access_log_head (
    id    integer primary key check (id = 1),
    seq   bigint not null,
    hash  char(64) not null
);
insert into access_log_head values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Heads anchored on the ledger (as one-digest batches of the pseudo-project "system-access-log").
create table access_log_anchor (
    seq          bigint primary key,
    hash         char(64) not null,
    evidence_id  varchar(128) not null,
    tx_id        varchar(128) not null,
    anchored_at  timestamptz not null
);
