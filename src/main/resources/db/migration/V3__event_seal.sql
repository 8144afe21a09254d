-- Tamper evidence (ADR 0006): the sealer appends one link per event, in the gap-safe global order.
-- chain_hash = SHA-256(previous_hash || seal_position || event_position || event_hash); the first
-- link's previous_hash is 32 zero bytes.
create table event_seal (
    seal_position  bigint      primary key check (seal_position >= 1),
    event_position bigint      not null,
    event_id       uuid        not null,
    event_hash     bytea       not null check (length(event_hash) = 32),
    previous_hash  bytea       not null check (length(previous_hash) = 32),
    chain_hash     bytea       not null check (length(chain_hash) = 32),
    sealed_at      timestamptz not null default now(),
    constraint event_seal_event_position_key unique (event_position),
    constraint event_seal_event_id_key unique (event_id)
);

create trigger event_seal_no_update_delete
    before update or delete on event_seal
    for each row execute function changeledger_refuse_change();

create trigger event_seal_no_truncate
    before truncate on event_seal
    for each statement execute function changeledger_refuse_change();
