-- Alerts (ADR 0052). The events (AlertRaised, AlertDelivered, AlertDeliveryFailed) are the record; these tables are
-- the outbox written in the same transactions as those events, so the deliverer finds what is due without reading
-- the event table, and the alert list reads them. Not replayed: the alert processor is append-only.
create table alert (
    alert_id    uuid        primary key,
    rule        text        not null,
    kind        text        not null,
    host_id     text,
    occurred_at timestamptz not null,
    raised_at   timestamptz not null default now(),
    title       text        not null,
    message     text        not null,
    link        text,
    events      jsonb       not null,
    seq         bigserial   not null unique
);
create index alert_host_seq on alert (host_id, seq);

-- One row per alert and target: attempts so far, when the next one is due (null once delivered).
create table alert_delivery (
    alert_id        uuid        not null references alert (alert_id),
    target          text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    delivered_at    timestamptz,
    last_error      text,
    primary key (alert_id, target)
);
create index alert_delivery_due on alert_delivery (next_attempt_at) where delivered_at is null;

-- The tasks a burst rule counts, as the alert processor saw them: the window looks back over them.
create table alert_burst_task (
    rule        text        not null,
    host_id     text        not null,
    event_id    uuid        not null,
    occurred_at timestamptz not null,
    primary key (rule, event_id)
);
create index alert_burst_task_window on alert_burst_task (rule, host_id, occurred_at);

-- When the alert processor first ran: events recorded before it (history before alerts existed) raise nothing.
create table alert_processor_start (
    id         integer     primary key check (id = 1),
    started_at timestamptz not null
);
