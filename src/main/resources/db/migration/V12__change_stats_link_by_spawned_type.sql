-- Access-log calls link only to a task type they spawn (PROXMOX.md "Access-log calls", ADR 0033): every item keeps the
-- task types it links by, a task its own type, a call the types it spawns (space-separated; null: none).
alter table change_stats_item add column link_types text;

-- The stored items and links were made by the earlier rule: rebuild the change statistics and the event index (whose
-- classes of access-log calls changed) in a new generation. Leftovers of a replay in progress are dropped and it starts
-- again from the first event.
delete from change_stats_day d using processor_token t
 where t.name = 'change-stats' and d.generation > t.generation;
delete from change_stats_item i using processor_token t
 where t.name = 'change-stats' and i.generation > t.generation;
delete from change_stats_generation g using processor_token t
 where t.name = 'change-stats' and g.generation > t.generation;
delete from event_index e using processor_token t
 where t.name = 'event-index' and e.generation > t.generation;
update processor_token
   set replay_generation = generation + 1, replay_tx_id = 0, replay_position = 0, replay_requested_at = now()
 where name in ('change-stats', 'event-index');
