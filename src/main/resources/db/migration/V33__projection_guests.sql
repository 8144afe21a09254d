-- Guest identity and names (projection `guests`, ADR 0046): what each configuration snapshot, create, restore and
-- destroy task said of a guest, one row each, from which readers fold a guest's incarnations (a VMID plus its creation
-- time: a reused VMID is another guest) and its names over time. Rows carry the replay generation (ADR 0005); readers
-- use the generation in processor_token. A new processor: it reads every stored event from the first on its first
-- start, so no data migration is needed.
create table guest_sighting (
    generation integer     not null,
    position   bigint      not null,
    host_id    text        not null,
    -- the VMID as raw text
    guest      text        not null,
    -- 'config' (a snapshot showed it), 'created' (a create or restore task ended OK), 'destroyed' (a destroy task ended
    -- OK, or a snapshot showed it gone)
    kind       text        not null check (kind in ('config', 'created', 'destroyed')),
    at         timestamptz not null,
    -- the name a snapshot showed (QEMU name, LXC hostname), or null
    name       text,
    -- the creation time a QEMU config showed (meta: ctime=), or null
    created    timestamptz,
    primary key (generation, position, guest)
);

create index guest_sighting_host on guest_sighting (generation, host_id, guest, at, position);
-- Readers name only guests a snapshot named: most guests of a host without snapshots never were, however many tasks
-- created or destroyed them, and a page finds that out from this index alone.
create index guest_sighting_named on guest_sighting (generation, host_id, guest) where name is not null;

-- A configuration snapshot that shows a guest gone now ends its open disruption window (ADR 0046): rebuild the
-- disruption windows in a new generation, from the first event; leftovers of a replay in progress are dropped.
delete from disruption_task d using processor_token t
 where t.name = 'disruption-windows' and d.generation > t.generation;
delete from disruption_window d using processor_token t
 where t.name = 'disruption-windows' and d.generation > t.generation;
delete from disruption_host_task d using processor_token t
 where t.name = 'disruption-windows' and d.generation > t.generation;
update processor_token
   set replay_generation = generation + 1, replay_tx_id = 0, replay_position = 0, replay_requested_at = now()
 where name = 'disruption-windows';
