-- One owner at a time for a project's pending evidence (facts, documents, decisions): whoever holds the row,
-- until claimed_until, is the only worker (job, sweeper, service instance) that sends those records to the ledger.
-- A crashed owner's claim lapses at claimed_until.
create table anchor_claim (
    project_id    varchar(64) primary key,
    owner         varchar(100) not null,
    claimed_until timestamptz not null
);
