-- Runs after every migrate, as the role Flyway connects as: the owner of the schema (ADR 0057). It gives the role the
-- service connects as (placeholder app_role: quarkus.datasource.username) what the service needs and nothing more:
--   * SELECT and INSERT on every append-only table, that is every table whose changes changeledger_refuse_change()
--     refuses (domain_event, event_seal): no UPDATE, DELETE or TRUNCATE, so neither the triggers nor the grants let
--     the service change history;
--   * SELECT, INSERT, UPDATE and DELETE on every other table (read models, state, outbox);
--   * USAGE and SELECT on the sequences; no TRUNCATE, REFERENCES or TRIGGER anywhere, no DDL (the schema is the
--     owner's, and PostgreSQL 15 gives PUBLIC no CREATE on it).
-- The grants are made again on every run, so a table a later migration adds is covered before the service uses it,
-- and a table that gains the trigger loses its UPDATE and DELETE. It gathers the event table's statistics too: only
-- the owner may, and the service's role cannot (StatisticsAtStart does it when the service connects as the owner).
-- When the service connects as the owner itself (the embedded database, a single-user install) nothing is done here.
do $grants$
declare
    app_role constant text := '${app_role}';
    item     record;
begin
    -- 'current_user' is the fallback when no datasource user is configured; no role can have that name
    if app_role = 'current_user' or app_role = current_user then
        return;
    end if;
    if not exists (select from pg_roles where rolname = app_role) then
        raise exception 'changeledger: the service''s database role "%" does not exist', app_role
            using hint = 'Create it (docker/initdb/10-changeledger-roles.sh shows how) or correct quarkus.datasource.username.';
    end if;
    execute format('grant usage on schema %I to %I', current_schema(), app_role);
    for item in
        select c.oid, c.relname
          from pg_class c
         where c.relnamespace = current_schema()::regnamespace
           and c.relkind in ('r', 'p')
           and c.relname <> '${flyway:table}'
    loop
        execute format('revoke all on table %I from %I', item.relname, app_role);
        if exists (select from pg_trigger t
                    where t.tgrelid = item.oid and t.tgfoid = 'changeledger_refuse_change'::regproc) then
            execute format('grant select, insert on table %I to %I', item.relname, app_role);
        else
            execute format('grant select, insert, update, delete on table %I to %I', item.relname, app_role);
        end if;
    end loop;
    for item in
        select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'S'
    loop
        execute format('revoke all on sequence %I from %I', item.relname, app_role);
        execute format('grant usage, select on sequence %I to %I', item.relname, app_role);
    end loop;
    execute 'analyze domain_event';
end
$grants$;
