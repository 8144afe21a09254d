-- Windows that people close (issue 16): a `retire` entry's fact is kept with the task facts (key 'entry:<entryId>'),
-- a window records what closed it, and a task that never finished ends where its node restarted (a later task of the
-- host with a lower pstart). The projection is rebuilt from the events: its rows lack what the new columns hold.

alter table disruption_task
    -- the worker's process start from the UPID (clock ticks since boot); -1 for an entry's fact
    add column pstart         bigint not null default -1,
    -- a task without finish cut off by a restart of its node: the start of the first later task with a lower pstart
    add column interrupted_at timestamptz;

-- Running tasks of a host, to find those a newly seen restart cuts off: a small range, the unfinished ones.
create index disruption_task_running on disruption_task (generation, host_id, start_time) where end_time is null;

alter table disruption_window
    -- a stop window (open until the target starts), not a task's own span
    add column until_start        boolean not null default false,
    -- the type of the task that ended a stop window, or 'retire'
    add column closed_by          text,
    -- the retire entry that ended it
    add column closed_by_entry_id text,
    add column interrupted        boolean not null default false;

-- Every task of a host by start and process start: a restart shows as a later task with a lower pstart, whatever the
-- task's target or type.
create table disruption_host_task (
    generation integer     not null,
    host_id    text        not null,
    upid       text        not null,
    start_time timestamptz not null,
    pstart     bigint      not null,
    primary key (generation, host_id, upid)
);

create index disruption_host_task_start on disruption_host_task (generation, host_id, start_time);

-- Rebuild the projection from the first event in its current generation.
delete from disruption_task;
delete from disruption_window;
update processor_token
   set tx_id = 0, position = 0, replay_generation = null, replay_tx_id = null, replay_position = null,
       replay_requested_at = null, updated_at = now()
 where name = 'disruption-windows';
