#!/usr/bin/env bash
# Adds one migration per provider (SQLite and PostgreSQL) for a model change: run it after changing an entity or an
# <Entity>Configuration. The schema has shipped, so existing migrations are never edited or regenerated: databases
# in the field have applied them and only move forward.
#   usage: src/EscalationStudio.Persistence/add-migration.sh <MigrationName>   (from anywhere)
set -euo pipefail
name=${1:?usage: add-migration.sh <MigrationName>, e.g. AddTicketSnoozeUntil}
shift
cd "$(dirname "$0")/../.."

project=src/EscalationStudio.Persistence
dotnet tool restore >/dev/null
# --no-incremental: with several people building at once, an incremental build can keep an assembly compiled from
# older files, and dotnet-ef would diff the model against it.
dotnet build "$project" -nologo -v quiet --no-incremental "$@"

for provider in Sqlite Postgres; do
  dotnet tool run dotnet-ef migrations add "$name" \
    --project "$project" --startup-project "$project" --no-build \
    --context "${provider}EscalationDbContext" \
    --output-dir "Migrations/$provider"
done

dotnet build "$project" -nologo -v quiet "$@"
echo "Added migration $name in $project/Migrations/{Sqlite,Postgres}; MigrationsTests checks the model matches them."
