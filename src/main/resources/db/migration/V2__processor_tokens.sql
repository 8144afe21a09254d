-- Tracking processors (ADR 0005): one token row per processor, holding its cursor in the gap-safe
-- global order (ADR 0004), the claim of the instance that runs it, and the state of a replay.
create table processor_token (
    name                text primary key,
    -- the generation readers see; a replay builds generation + 1 and switches over when caught up
    generation          integer     not null default 1,
    tx_id               bigint      not null default 0,
    position            bigint      not null default 0,
    -- the claim: the instance that processes, until its lease runs out
    owner               text,
    lease_until         timestamptz,
    -- a replay in progress: the generation it builds and its own cursor
    replay_generation   integer,
    replay_tx_id        bigint,
    replay_position     bigint,
    replay_requested_at timestamptz,
    updated_at          timestamptz not null default now(),
    constraint processor_token_replay_complete check (
        (replay_generation is null) = (replay_tx_id is null)
        and (replay_generation is null) = (replay_position is null))
);

-- Live wake-up: one notification per appending statement, delivered at commit. Only a hint:
-- processors poll as well, so a lost notification delays them but never loses an event.
create function changeledger_notify_append() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('changeledger_events', '');
    return null;
end;
$$;

create trigger domain_event_notify_append
    after insert on domain_event
    for each statement execute function changeledger_notify_append();
