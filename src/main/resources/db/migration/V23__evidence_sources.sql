-- Signs of life per host and source (DESIGN "Evidence"): the last upload, heartbeat or successful pull of each
-- source. Operational state, not audit data: no events (gaps are events, stream Evidence/<hostId>).
create table evidence_source (
    host_id           text        not null,
    source            text        not null,
    -- the first sign of life of this source: before it, the host was not watched through it
    first_seen_at     timestamptz not null,
    last_seen_at      timestamptz not null,
    -- the first sign of life after a silence longer than changeledger.evidence.max-silence (when a gap closes)
    resumed_at        timestamptz,
    -- what the collector last said about the source: the time of its last line, its version
    last_line_at      timestamptz,
    collector_version text,
    primary key (host_id, source)
);
