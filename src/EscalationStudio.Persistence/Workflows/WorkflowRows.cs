using System.Data.Common;
using EscalationStudio.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EscalationStudio.Persistence.Workflows;

/// <summary>
/// An instance and its bookmarks written as plain statements built from the EF Core model (the shared
/// <see cref="RowShape"/>: same tables, columns, converters and type mappings), in one transaction.
/// </summary>
/// <remarks>
/// A new instance is saved this way. In the runtime benchmark's profile SaveChanges was two thirds of that save (a
/// modification command per row, SQL generated for each, batching); a new instance has nothing to diff, track or read
/// back, so prepared inserts do the same work. On SQLite a resumed one is updated in place with its bookmark diff too:
/// while the policies worked off a backlog, SaveChanges for it was 6.5 % of the server's time.
/// </remarks>
internal static class WorkflowRows
{
    public static Task InsertAsync(DbContext db, WorkflowInstanceRecord instance, IReadOnlyList<WorkflowBookmarkRecord> bookmarks, CancellationToken cancellationToken) =>
        WriteAsync(db, async write =>
        {
            await write.InsertAsync(instance);
            foreach (var bookmark in bookmarks)
            {
                await write.InsertAsync(bookmark);
            }
        }, cancellationToken);

    /// <summary>
    /// Overwrites a stored instance (its state document and summary columns), deletes the bookmarks it no longer has and
    /// inserts its new ones. An instance no longer stored fails as SaveChanges would, with a <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public static Task UpdateAsync(
        DbContext db, WorkflowInstanceRecord instance, IReadOnlyList<WorkflowBookmarkRecord> gone, IReadOnlyList<WorkflowBookmarkRecord> added, CancellationToken cancellationToken) =>
        WriteAsync(db, async write =>
        {
            if (await write.UpdateAsync(instance) != 1)
            {
                throw new DbUpdateConcurrencyException($"workflow instance {instance.Id} is no longer stored");
            }

            foreach (var bookmark in gone)
            {
                await write.DeleteAsync(bookmark);
            }

            foreach (var bookmark in added)
            {
                await write.InsertAsync(bookmark);
            }
        }, cancellationToken);

    private static async Task WriteAsync(DbContext db, Func<Statements, Task> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await work(new Statements(db, transaction.GetDbTransaction(), cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A command per row: Npgsql's auto-prepare repeated the first row's values when one command was executed again with
    /// its parameters cleared and bound anew (every policy with two bookmarks then failed to start).
    /// </summary>
    private sealed class Statements(DbContext db, DbTransaction transaction, CancellationToken cancellationToken)
    {
        public Task<int> InsertAsync<TRow>(TRow row) where TRow : class
        {
            var shape = RowShape.For<TRow>(db);
            return ExecuteAsync(shape.InsertSql, command => shape.BindInsert(command, row));
        }

        public Task<int> UpdateAsync<TRow>(TRow row) where TRow : class
        {
            var shape = RowShape.For<TRow>(db);
            var (changed, sql) = shape.UpdateAll();
            // These tables have no concurrency token: the instance lock is what keeps two runs of one instance apart.
            return ExecuteAsync(sql, command => shape.BindUpdate(command, row, changed, DBNull.Value));
        }

        public Task<int> DeleteAsync<TRow>(TRow row) where TRow : class
        {
            var shape = RowShape.For<TRow>(db);
            return ExecuteAsync(shape.DeleteSql, command => shape.BindKey(command, row));
        }

        private async Task<int> ExecuteAsync(string sql, Action<DbCommand> bind)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
