-- A guest that appeared on a host because it migrated there from another member of its cluster is the migration's
-- evidence, not a change of its own (ADR 0065, docs/migrations.md). A drift that shows a guest appear keeps the task
-- types that may bring it from another member in link_types ('qmigrate vzmigrate'); a migration task keeps whether
-- its finish failed: a failed migration explains no drift of another host. The rows stored so far know neither, so
-- the change statistics are rebuilt by a replay in a new generation.
alter table change_stats_item add column failed boolean not null default false;

-- A migration finds the appeared drifts of its guest on the other members; an appeared drift finds the migrations of
-- its guest through change_stats_item_host_time of each member (its window is short).
create index change_stats_item_appeared on change_stats_item (generation, guest, occurred_at)
    where kind = 'drift' and link_types is not null;

delete from change_stats_day d using processor_token t
 where t.name = 'change-stats' and d.generation > t.generation;
delete from change_stats_item i using processor_token t
 where t.name = 'change-stats' and i.generation > t.generation;
delete from change_stats_generation g using processor_token t
 where t.name = 'change-stats' and g.generation > t.generation;
update processor_token
   set replay_generation = generation + 1, replay_tx_id = 0, replay_position = 0, replay_requested_at = now()
 where name = 'change-stats';
