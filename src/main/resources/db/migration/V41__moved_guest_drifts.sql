-- A guest that appeared on a host because it migrated there from another member of its cluster is the migration's
-- evidence, not a change of its own (ADR 0065, docs/migrations.md). A drift that shows a guest appear keeps the task
-- types that may bring it from another member in link_types ('qmigrate vzmigrate'); a migration task keeps its finish,
-- when it ended and whether it failed: a failed migration explains no drift of another host, and a drift of another
-- member is explained when the migration's span overlaps its window (ADR 0068). The rows stored so far know none of
-- this, so the change statistics are rebuilt by a replay in a new generation.
alter table change_stats_item add column failed boolean not null default false;
alter table change_stats_item add column ended_at timestamptz;

-- A migration finds the appeared drifts of its guest on the other members, and an appeared drift the migrations of its
-- guest, by guest and time: both are few.
create index change_stats_item_appeared on change_stats_item (generation, guest, occurred_at)
    where kind = 'drift' and link_types is not null;
create index change_stats_item_migration on change_stats_item (generation, guest, occurred_at)
    where kind = 'task' and link_types in ('qmigrate', 'vzmigrate');

delete from change_stats_day d using processor_token t
 where t.name = 'change-stats' and d.generation > t.generation;
delete from change_stats_item i using processor_token t
 where t.name = 'change-stats' and i.generation > t.generation;
delete from change_stats_generation g using processor_token t
 where t.name = 'change-stats' and g.generation > t.generation;
update processor_token
   set replay_generation = generation + 1, replay_tx_id = 0, replay_position = 0, replay_requested_at = now()
 where name = 'change-stats';
