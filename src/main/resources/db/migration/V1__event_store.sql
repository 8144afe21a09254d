-- The append-only event store (ADR 0001): one table in the spirit of Axon's domain_event_entry.
create table domain_event (
    position        bigint generated always as identity primary key,
    event_id        uuid        not null,
    aggregate_type  text        not null,
    aggregate_id    text        not null,
    sequence_number bigint      not null check (sequence_number >= 0),
    event_type      text        not null,
    revision        integer     not null check (revision >= 1),
    payload         jsonb       not null,
    metadata        jsonb       not null,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null default now(),
    -- the writing transaction: readers only see events of transactions below the snapshot's xmin
    tx_id           xid8        not null default pg_current_xact_id(),
    constraint domain_event_event_id_key unique (event_id),
    constraint domain_event_aggregate_sequence_key unique (aggregate_type, aggregate_id, sequence_number)
);

-- Gap-safe global order: (tx_id, position), read only below pg_snapshot_xmin(pg_current_snapshot()).
create index domain_event_tx_order on domain_event (tx_id, position);
create index domain_event_type on domain_event (event_type, position);
create index domain_event_occurred on domain_event (occurred_at);

create function changeledger_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'changeledger: % on % is refused: the table is append-only', tg_op, tg_table_name
        using errcode = 'insufficient_privilege',
              hint = 'Record a correcting event instead of changing history.';
end;
$$;

create trigger domain_event_no_update_delete
    before update or delete on domain_event
    for each row execute function changeledger_refuse_change();

create trigger domain_event_no_truncate
    before truncate on domain_event
    for each statement execute function changeledger_refuse_change();
