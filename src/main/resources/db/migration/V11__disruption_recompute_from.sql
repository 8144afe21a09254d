-- The disruption windows are recomputed from a target's last window before the earliest changed fact on (ADR 0019),
-- not from all its facts: both reads are ranges of one target in time.
drop index disruption_task_target;
create index disruption_task_target_start on disruption_task (generation, host_id, target, start_time);

drop index disruption_window_target;
create index disruption_window_target_start on disruption_window (generation, host_id, target, start_time);
