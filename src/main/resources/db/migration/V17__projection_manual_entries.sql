-- The manual entry index (projection `manual-entries`): one row per entry with what its list filters on, in the
-- gap-safe global order (tx_id, position) of the event that recorded it. The entries themselves are folded from their
-- streams. Rows carry the replay generation (ADR 0005); readers use the generation in processor_token.
create table manual_entry_index (
    generation  integer     not null,
    host_id     text        not null,
    entry_id    text        not null,
    kind        text        not null,
    occurred_at timestamptz not null,
    -- the recording event's place in the global order: the list's order and its 'after' cursor
    tx_id       bigint      not null,
    position    bigint      not null,
    retracted   boolean     not null default false,
    primary key (generation, host_id, entry_id)
);

-- One host's entries in the global order, and the cursor lookup of 'after'.
create index manual_entry_index_host_order on manual_entry_index (generation, host_id, tx_id, position);
create index manual_entry_index_host_position on manual_entry_index (generation, host_id, position);
