-- Clusters over time (projection `clusters`, ADR 0062): one row per membership span of a host in a cluster (from
-- HostJoinedCluster to HostLeftCluster, at their `since`, or their occurred-at time for events stored before `since`
-- existed), the hosts' `clustercreate` / `clusterjoin` tasks (the evidence of a join), and what the node journals
-- logged of the cluster (quorum lost and regained, corosync membership changes, fencing; ADR 0063). Rows carry the
-- replay generation (ADR 0005); readers use the generation in processor_token. A new processor: it reads every
-- stored event from the first on its first start, so no data migration is needed.
create table cluster_membership (
    generation integer     not null,
    -- the position of the HostJoinedCluster event
    position   bigint      not null,
    host_id    text        not null,
    cluster    text        not null,
    joined     timestamptz not null,
    -- when the host left, or null while it is a member
    left_at    timestamptz,
    primary key (generation, position)
);

create index cluster_membership_cluster on cluster_membership (generation, cluster, joined);
create index cluster_membership_host on cluster_membership (generation, host_id, joined);

create table cluster_task (
    generation integer     not null,
    host_id    text        not null,
    upid       text        not null,
    -- clustercreate or clusterjoin
    task_type  text        not null,
    start_time timestamptz not null,
    end_time   timestamptz,
    status     text,
    primary key (generation, host_id, upid)
);

create table cluster_observation (
    generation integer     not null,
    position   bigint      not null,
    -- the host whose journal logged it
    host_id    text        not null,
    -- 'quorum-lost', 'quorum-regained', 'members-changed', 'node-fenced'
    kind       text        not null check (kind in ('quorum-lost', 'quorum-regained', 'members-changed',
                                                    'node-fenced')),
    at         timestamptz not null,
    -- the source of a quorum line ('pmxcfs', 'corosync'), the fenced node, or the corosync node ids that joined and
    -- left ('joined: 2 left: 3')
    detail     text,
    -- the host of the fenced node, where the ingestion knew it
    subject_host_id text,
    event_id   uuid        not null,
    line       text        not null,
    primary key (generation, position)
);

create index cluster_observation_host on cluster_observation (generation, host_id, at);
