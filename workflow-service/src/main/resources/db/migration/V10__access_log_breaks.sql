-- Breaks found in the access log's hash chain: each is an operator incident, and a statement of it (first broken
-- entry, last good entry and hash, what is stored at the break, the head) is anchored on the ledger as a one-digest
-- batch of the pseudo-project "system-access-log", so that the break is on record even if the rows are repaired.
create table access_log_break (
    id                bigserial primary key,
    first_broken_seq  bigint not null,
    detected_at       timestamptz not null,
    statement         text not null,
    digest            char(64) not null,
    evidence_id       varchar(128) not null unique,
    tx_id             varchar(128),
    block_number      bigint,
    anchored_at       timestamptz,
    resolved_at       timestamptz
);

-- One open incident per break, however many instances find it.
create unique index access_log_break_open on access_log_break (first_broken_seq) where resolved_at is null;
