using EscalationStudio.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EscalationStudio.Persistence.Workflows;

/// <summary>
/// A new instance and its bookmarks written as plain inserts built from the EF Core model (the shared
/// <see cref="RowShape"/>: same tables, columns, converters and type mappings), in one transaction.
/// </summary>
/// <remarks>
/// Every policy run a ticket event starts is saved this way once. In the runtime benchmark's profile SaveChanges was two
/// thirds of that save (a modification command per row, SQL generated for each, batching); a new instance has nothing
/// to diff, track or read back, so two prepared inserts do the same work.
/// </remarks>
internal static class WorkflowRows
{
    public static async Task InsertAsync(DbContext db, WorkflowInstanceRecord instance, IReadOnlyList<WorkflowBookmarkRecord> bookmarks, CancellationToken cancellationToken)
    {
        var instances = RowShape.For<WorkflowInstanceRecord>(db);
        var bookmarkRows = RowShape.For<WorkflowBookmarkRecord>(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();

            // A command per row: Npgsql's auto-prepare repeated the first row's values when one command was executed
            // again with its parameters cleared and bound anew (every policy with two bookmarks then failed to start).
            async Task InsertAsync(RowShape shape, object row)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction.GetDbTransaction();
                insert.CommandText = shape.InsertSql;
                shape.BindInsert(insert, row);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await InsertAsync(instances, instance);
            foreach (var bookmark in bookmarks)
            {
                await InsertAsync(bookmarkRows, bookmark);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
