-- Migrations (ADR 0065): a guest's migration is one change of the guest, shown on both hosts, and its history follows it.
-- 1. A migration task that ended OK is a sighting of its guest on the source host: it left there ('migrated'); the
--    readers let the guest go on as the guest its VMID shows next on another member of the cluster. Rebuild the
--    guests in a new generation, from the first event; leftovers of a replay in progress are dropped.
alter table guest_sighting drop constraint guest_sighting_kind_check;
alter table guest_sighting add constraint guest_sighting_kind_check
    check (kind in ('config', 'created', 'destroyed', 'migrated'));
delete from guest_sighting g using processor_token t
 where t.name = 'guests' and g.generation > t.generation;
update processor_token
   set replay_generation = generation + 1, replay_tx_id = 0, replay_position = 0, replay_requested_at = now()
 where name = 'guests';

-- 2. Disruption windows by kind of migration: a live migration opens none, a container's restart migration is the
--    task, an offline one carries the stop window to the start on the target. Rebuild the windows in a new generation.
delete from disruption_task d using processor_token t
 where t.name = 'disruption-windows' and d.generation > t.generation;
delete from disruption_window d using processor_token t
 where t.name = 'disruption-windows' and d.generation > t.generation;
delete from disruption_host_task d using processor_token t
 where t.name = 'disruption-windows' and d.generation > t.generation;
update processor_token
   set replay_generation = generation + 1, replay_tx_id = 0, replay_position = 0, replay_requested_at = now()
 where name = 'disruption-windows';

-- 3. A host's task view lists the migrations that brought a guest to it: the guest's next sighting on another member
--    after a migration, by guest and time, in the task view and in the guests' sightings.
create index task_view_guest_start on task_view (generation, guest, start_time) where guest is not null;
create index guest_sighting_guest_at on guest_sighting (generation, guest, at);
