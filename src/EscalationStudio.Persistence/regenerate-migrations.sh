#!/usr/bin/env bash
# Replaces the single migration of each provider with one generated from the current model. Run it after changing
# an entity or an <Entity>Configuration. Nothing has shipped yet, so the schema is one "InitialEscalationSchema"
# migration per provider; once a release ships, switch to adding migrations instead.
#   usage: src/EscalationStudio.Persistence/regenerate-migrations.sh   (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/../.."

project=src/EscalationStudio.Persistence
dotnet tool restore >/dev/null
# The old migrations must be out of the assembly that dotnet-ef reads, so delete them before building.
rm -rf "$project/Migrations/Sqlite" "$project/Migrations/Postgres"
# --no-incremental: with several people building at once, an incremental build can keep an assembly compiled from
# the old files.
dotnet build "$project" -nologo -v quiet --no-incremental "$@"

for provider in Sqlite Postgres; do
  dotnet tool run dotnet-ef migrations add InitialEscalationSchema \
    --project "$project" --startup-project "$project" --no-build \
    --context "${provider}EscalationDbContext" \
    --output-dir "Migrations/$provider"
done

# The migrations are generated against the last build; build again so the new files compile into the assembly.
dotnet build "$project" -nologo -v quiet "$@"
echo "Migrations regenerated in $project/Migrations/{Sqlite,Postgres}."
