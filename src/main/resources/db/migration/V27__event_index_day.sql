-- The event index reaches inside a month (ADR 0036): every row carries its UTC day, so a time-filtered page reads each
-- day of a month its range covers only in part from its own index range in the gap-safe order, instead of every
-- event of that month before the range starts. The day is a pure function of occurred_at, so it is a generated
-- column: this statement fills it for the rows already indexed (every generation, a replay in progress included),
-- and the projection's inserts need not name it. No replay is needed.
alter table event_index
    add column occurred_day date not null generated always as ((occurred_at at time zone 'UTC')::date) stored;

-- Per day, in the global order: the day ranges of time-filtered pages, and the first and last day indexed for a
-- range open at one end; the same for one host, and one host and type (the usual audit question).
create index event_index_day_order on event_index (generation, occurred_day, tx_id, position);
create index event_index_host_day_order on event_index (generation, host_id, occurred_day, tx_id, position);
create index event_index_host_type_day_order
    on event_index (generation, host_id, event_type, occurred_day, tx_id, position);
