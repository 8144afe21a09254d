-- Where each host's journal stood after its last upload (ADR 0050): the boot of the last line read, that line's
-- time, and whether that boot had begun a clean shutdown. The next upload needs it to tell whether a boot it shows
-- followed a clean shutdown, and which lines an earlier upload read already. Not an event stream: what it decides is
-- recorded in the events (NodeBootObserved carries the previous boot's last line and whether it ended cleanly).
create table journal_tail (
    host_id          text        primary key references host (host_id),
    boot_id          text,
    last_line_at     timestamptz,
    shutdown_reached boolean     not null,
    journal_stopped  boolean     not null,
    updated_at       timestamptz not null default now()
);
