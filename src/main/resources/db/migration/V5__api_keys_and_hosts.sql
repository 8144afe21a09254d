-- Read models that authorise requests; updated in the same transaction as their events.

create table api_key (
    key_id       text primary key,
    name         text        not null,
    role         text        not null,
    hosts        jsonb       not null,
    token_sha256 text        not null,
    created_at   timestamptz not null,
    created_by   text,
    revoked_at   timestamptz,
    revoked_by   text,
    constraint api_key_token_sha256_key unique (token_sha256)
);

create table host (
    host_id                  text primary key,
    name                     text        not null,
    role                     text        not null,
    zone                     text,
    node                     text        not null,
    cluster                  text,
    require_change_requests  boolean     not null,
    monthly_change_budget    integer,
    monthly_disruption_minutes integer,
    registered_at            timestamptz not null,
    version                  bigint      not null
);
