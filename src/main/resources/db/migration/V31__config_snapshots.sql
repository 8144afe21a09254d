-- The latest configuration snapshot of each target of a host, per source (DESIGN "Evidence"): what the next snapshot
-- is compared with. Not the record: the record is the Config/<hostId> stream (ConfigBaselineRecorded,
-- ConfigDriftObserved). Values are kept as taken (secrets included only as the collector or API returned them; files
-- under /etc/pve/priv are never accepted), so that a changed secret is still told apart from an unchanged one.
create table config_snapshot (
    host_id  text        not null,
    source   text        not null,
    -- a guest id, node, storage:<id>, security or cluster
    target   text        not null,
    -- the time of the latest snapshot of the source that held this target (unchanged ones included)
    taken_at timestamptz not null,
    -- entry id (file, section and key joined by U+001F) to value
    entries  jsonb       not null,
    primary key (host_id, source, target)
);
