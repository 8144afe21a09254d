-- Change statistics (projection `change-stats`, ADR 0016): what GET /api/v1/hosts/{id}/stats counts.
-- Every table carries the replay generation (ADR 0005); readers use the generation in processor_token.

-- The time zone a generation counts its days in (changeledger.time-zone when the generation began).
-- A generation keeps its zone; when the configured zone differs, readers count from change_stats_item.
create table change_stats_generation (
    generation integer primary key,
    time_zone  text not null
);

-- One row per countable thing: a Proxmox task (its start), an access-log change, a manual change entry.
-- An access-log change linked to a task (same host and guest, within 5 s of the task's start) is not
-- counted and names that task; a retracted manual entry is not counted.
create table change_stats_item (
    generation           integer     not null,
    position             bigint      not null,
    event_id             uuid        not null,
    host_id              text        not null,
    kind                 text        not null check (kind in ('task', 'access', 'manual')),
    stream               text        not null,
    guest                text,
    event_class          text        not null,
    occurred_at          timestamptz not null,
    counted              boolean     not null,
    linked_task_position bigint,
    linked_task_stream   text,
    primary key (generation, position),
    check ((linked_task_position is null) = (linked_task_stream is null)),
    check (linked_task_position is null or (kind = 'access' and not counted))
);

-- Partial days at the edges of a range, linking (host, time window), access links of a range.
create index change_stats_item_host_time on change_stats_item (generation, host_id, occurred_at);
-- Retractions find their entry by stream.
create index change_stats_item_manual on change_stats_item (generation, stream) where kind = 'manual';

-- The rollup: counted items per host, local day (in the generation's zone) and class.
create table change_stats_day (
    generation  integer not null,
    host_id     text    not null,
    day         date    not null,
    event_class text    not null,
    events      integer not null,
    primary key (generation, host_id, day, event_class)
);
