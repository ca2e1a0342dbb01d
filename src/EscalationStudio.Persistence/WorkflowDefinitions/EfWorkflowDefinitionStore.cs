using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.WorkflowDefinitions;

/// <summary>
/// The definition versions in the escalation database. A singleton over short-lived contexts, because the
/// definition editor and the workflows/ watcher outlive any request.
/// </summary>
public sealed class EfWorkflowDefinitionStore(IServiceScopeFactory scopes, TimeProvider time) : IWorkflowDefinitionStore
{
    public async Task<IReadOnlyList<WorkflowDefinition>> ListAsync(VersionOptions versions, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var query = Records(scope);
        query = versions.Selection switch
        {
            VersionSelection.Latest => query.Where(d => d.IsLatest),
            VersionSelection.Published => query.Where(d => d.IsPublished),
            VersionSelection.LatestOrPublished => query.Where(d => d.IsLatest || d.IsPublished),
            VersionSelection.LatestAndPublished => query.Where(d => d.IsLatest && d.IsPublished),
            VersionSelection.Draft => query.Where(d => !d.IsPublished),
            VersionSelection.SpecificVersion => query.Where(d => d.Version == versions.Version),
            _ => query,
        };
        return (await query.AsNoTracking().ToListAsync(cancellationToken)).Select(ToDefinition).ToList();
    }

    public async Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var records = await Records(scope).AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToListAsync(cancellationToken);
        return records.Select(ToDefinition).ToList();
    }

    public async Task<WorkflowDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var record = await Records(scope).AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return record is null ? null : ToDefinition(record);
    }

    public async Task<IReadOnlyList<DefinitionSummary>> SummarizeAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await Records(scope).AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Version, d.Name, d.Description, d.IsLatest, d.IsPublished, d.LastChangedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.DefinitionId).Select(versions =>
        {
            var latest = versions.Where(v => v.IsLatest).MaxBy(v => v.Version) ?? versions.MaxBy(v => v.Version)!;
            var published = versions.FirstOrDefault(v => v.IsPublished);
            return new DefinitionSummary(
                versions.Key, latest.Name, latest.Description, latest.Version, published?.Version,
                LatestIsDraft: !latest.IsPublished, versions.Max(v => v.LastChangedAt));
        }).ToList();
    }

    public async Task SaveAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken = default)
    {
        if (versions.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var ids = versions.Select(v => v.Id).ToList();
        var existing = await db.Set<WorkflowDefinitionRecord>().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var now = time.GetUtcNow();
        var saved = new List<(WorkflowDefinition Version, WorkflowDefinitionRecord Record)>(versions.Count);
        foreach (var version in versions)
        {
            var json = WorkflowDefinitionJson.Write(version, includeSchema: false);
            existing.TryGetValue(version.Id, out var record);
            if (version.StoredRevision is null)
            {
                // Read as absent, found now: another writer inserted it meanwhile.
                if (record is not null)
                {
                    throw new DefinitionConflictException(version.DefinitionId);
                }

                record = new WorkflowDefinitionRecord { Id = version.Id, DefinitionId = version.DefinitionId, Json = json, Revision = 0 };
                db.Add(record);
            }
            else if (record is null || record.Revision != version.StoredRevision)
            {
                throw new DefinitionConflictException(version.DefinitionId);
            }

            record.Version = version.Version;
            record.Name = version.Name;
            record.Description = version.Description;
            record.IsLatest = version.IsLatest;
            record.IsPublished = version.IsPublished;
            // PostgreSQL's timestamptz takes UTC only; the JSON keeps the offset the author wrote.
            record.CreatedAt = version.CreatedAt.ToUniversalTime();
            if (record.Json != json || db.Entry(record).State == EntityState.Added)
            {
                record.LastChangedAt = now;
            }

            record.Json = json;
            // The token is checked against the value read: a row another writer updated since makes SaveChanges fail.
            record.Revision++;
            saved.Add((version, record));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new DefinitionConflictException(versions.First().DefinitionId, e);
        }
        catch (DbUpdateException e) when (IsDuplicate(e))
        {
            // Two writers inserted the same version number (or id) of a definition at once: the unique index chose one.
            throw new DefinitionConflictException(versions.First().DefinitionId, e);
        }

        foreach (var (version, record) in saved)
        {
            version.StoredRevision = record.Revision;
        }
    }

    public async Task<string> ChangeStampAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await Records(scope).AsNoTracking().Select(d => new { d.Id, d.Revision }).ToListAsync(cancellationToken);
        // Every row's revision (no JSON): a save bumps one, an insert or a delete changes the set.
        var text = string.Join('\n', rows.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => $"{r.Id}:{r.Revision}"));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private static bool IsDuplicate(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        _ => false,
    };

    public async Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Records(scope).Where(d => d.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<bool> DeleteVersionAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await Records(scope).Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static IQueryable<WorkflowDefinitionRecord> Records(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<EscalationDbContext>().Set<WorkflowDefinitionRecord>();

    private static WorkflowDefinition ToDefinition(WorkflowDefinitionRecord record)
    {
        var definition = WorkflowDefinitionJson.Parse(record.Json);
        // The flags are kept in their columns (a publish changes them on older versions without touching their JSON).
        definition.IsLatest = record.IsLatest;
        definition.IsPublished = record.IsPublished;
        definition.StoredRevision = record.Revision;
        return definition;
    }
}
