-- Configuration drift counts like any observed change, and security changes are told apart (ADR 0046).
--
-- change_stats_item gains drifts (kind 'drift', counted unless linked to a task or access-log change of the same target
-- inside its window), the target of every item, the start of a drift's window, and whether an item is a security
-- change. The event index gains the security flag. Both are rebuilt by a replay in a new generation: the rows stored
-- so far have no target, and the event index gave configuration events no class.
alter table change_stats_item drop constraint change_stats_item_kind_check;
alter table change_stats_item add constraint change_stats_item_kind_check
    check (kind in ('task', 'access', 'manual', 'drift'));
alter table change_stats_item drop constraint change_stats_item_check1;
alter table change_stats_item add constraint change_stats_item_linked_check
    check (linked_task_position is null or (kind in ('access', 'drift') and not counted));
alter table change_stats_item add column target text;
alter table change_stats_item add column window_start timestamptz;
alter table change_stats_item add column security boolean not null default false;
alter table change_stats_item add constraint change_stats_item_window_check
    check ((window_start is null) = (kind <> 'drift'));

-- A task or call that may explain drifts finds the drifts of its target whose window holds it; drifts are few.
create index change_stats_item_drift on change_stats_item (generation, host_id, target, occurred_at)
    where kind = 'drift';
-- A drift finds the tasks and calls of its target inside its window through change_stats_item_host_time (its window
-- is short). No index leads with the target for tasks and calls: the planner would take it for the time-range reads
-- of linking, which must stay on change_stats_item_host_time, and read every item of a host each batch.

alter table event_index add column security boolean not null default false;

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
