-- Operational state of the Proxmox pull connector per host (not audit data: no events).
create table host_sync (
    host_id          text primary key,
    last_attempt_at  timestamptz,
    last_success_at  timestamptz,
    -- start time (Unix seconds) below which the last successful sync saw every task
    synced_since     bigint,
    last_error       text,
    last_error_at    timestamptz
);
