-- The event index (projection `event-index`): one row per event with the facts the audit query filters on,
-- in the gap-safe global order (tx_id, position) of ADR 0004. The query API pages over it and reads the
-- events themselves from the store by position. Rows carry the replay generation (ADR 0005); readers use
-- the generation in processor_token.
create table event_index (
    generation     integer     not null,
    position       bigint      not null,
    tx_id          bigint      not null,
    host_id        text,
    event_type     text        not null,
    event_class    text,
    actor          text,
    actor_key_id   text,
    source         text,
    guest          text,
    correlation_id text,
    -- a line a person reads: the task type and guest, the API call, the entry's summary
    summary        text,
    -- finished tasks: whether the task failed (null for every other event)
    failed         boolean,
    -- what a task, API call or manual entry changed: a guest id, node, service:<name>, storage:<id>
    target         text,
    occurred_at    timestamptz not null,
    -- the UTC month of occurred_at: time-filtered pages read each month's range in the global order (ADR 0014)
    occurred_month date        not null,
    primary key (generation, position)
);

-- Pages without a time filter, in the global order.
create index event_index_order on event_index (generation, tx_id, position);
-- Pages with a time filter: per month, in the global order; the usual audit question is one host, a time
-- range, maybe one type.
create index event_index_month_order on event_index (generation, occurred_month, tx_id, position);
create index event_index_host_month_order on event_index (generation, host_id, occurred_month, tx_id, position);
create index event_index_host_type_month_order
    on event_index (generation, host_id, event_type, occurred_month, tx_id, position);
-- Everything one piece of work caused.
create index event_index_correlation on event_index (generation, correlation_id) where correlation_id is not null;
