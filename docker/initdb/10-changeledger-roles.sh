#!/bin/sh
# The two database roles of changeledger (ADR 0057, docs/security.md):
#   the owner (CHANGELEDGER_DB_OWNER_USER, default changeledger) owns the database and its schema; Flyway migrates
#     as it when the service starts, and grants the service role what it needs after every migration;
#   the service role (CHANGELEDGER_DB_APP_USER, default changeledger_app) is what the service runs as: it can log in
#     and nothing else until the migrations grant it SELECT and INSERT on the event and seal tables and the use of
#     the read models. It also reads every session's statistics (pg_read_all_stats) for the safe-head metric.
# Neither is a superuser. The postgres image runs this once, on an empty data directory, from
# /docker-entrypoint-initdb.d as POSTGRES_USER. It is safe to run again, e.g. to add the service role to an install
# from before it (docs/security.md): it creates what is missing and sets the passwords.
set -eu

: "${CHANGELEDGER_DB_OWNER_PASSWORD:?set CHANGELEDGER_DB_OWNER_PASSWORD (docker/.env)}"
: "${CHANGELEDGER_DB_APP_PASSWORD:?set CHANGELEDGER_DB_APP_PASSWORD (docker/.env)}"
admin="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-changeledger}"
owner="${CHANGELEDGER_DB_OWNER_USER:-changeledger}"
app="${CHANGELEDGER_DB_APP_USER:-changeledger_app}"
if [ "$owner" = "$app" ]; then
    echo "The owner and the service role must differ (both are '$owner')" >&2
    exit 1
fi
# An install from before ADR 0057 made the owner the image's superuser: it keeps its attributes here (demote it
# once another superuser exists); a new owner is created without any.
if [ "$owner" = "$admin" ]; then
    owner_attributes="login"
else
    owner_attributes="login nosuperuser nocreatedb nocreaterole noreplication nobypassrls"
fi

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$admin" --dbname "$database" \
    -v owner="$owner" -v app="$app" -v db="$database" -v owner_attributes="$owner_attributes" \
    -v owner_password="$CHANGELEDGER_DB_OWNER_PASSWORD" -v app_password="$CHANGELEDGER_DB_APP_PASSWORD" <<'SQL'
select format('create role %I', :'owner') where not exists (select from pg_roles where rolname = :'owner') \gexec
select format('create role %I', :'app') where not exists (select from pg_roles where rolname = :'app') \gexec
alter role :"owner" with :owner_attributes password :'owner_password';
alter role :"app" with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password :'app_password';
alter database :"db" owner to :"owner";
alter schema public owner to :"owner";
revoke create on schema public from public;
revoke all on database :"db" from public;
grant connect on database :"db" to :"app";
grant pg_read_all_stats to :"app";
SQL
echo "changeledger roles ready in database '$database': owner '$owner', service role '$app'"
