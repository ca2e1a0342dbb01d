using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>What a failed ticket commit says about its commands, and so what the <see cref="TicketWriter"/> does next.</summary>
internal enum CommitFailure
{
    /// <summary>
    /// Another writer got there first: the version check, a serialization failure, a deadlock, or a unique index (the
    /// same event sequence, the same new customer) tripped. Committed again from the database, it can succeed.
    /// </summary>
    Conflict,

    /// <summary>
    /// A command's own data cannot be stored (text PostgreSQL refuses, a value too long for its column, a broken
    /// constraint). Retrying cannot help: that command fails, and in a batch the others commit without it.
    /// </summary>
    Data,

    /// <summary>The database itself failed (unreachable, full, shutting down): every command of the batch fails.</summary>
    Database,
}

internal static class CommitFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public static CommitFailure Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                    return CommitFailure.Conflict;
                case PostgresException postgres:
                    return Classify(postgres.SqlState);
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode switch
                    {
                        SqliteBusy or SqliteLocked => CommitFailure.Conflict,
                        SqliteConstraint when sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey => CommitFailure.Conflict,
                        SqliteConstraint or 18 or 20 or 25 => CommitFailure.Data, // constraint, too big, type mismatch, out of range
                        _ => CommitFailure.Database,
                    };
                case NpgsqlException:
                    return CommitFailure.Database; // no answer from the server: the connection, not the data
            }
        }

        // Not the database's answer at all: a value the provider could not even send (text it cannot encode).
        return CommitFailure.Data;
    }

    /// <summary>PostgreSQL's error classes (SQLSTATE's first two characters) say whose fault a failure is.</summary>
    private static CommitFailure Classify(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation => CommitFailure.Conflict,
        _ when sqlState.StartsWith("22", StringComparison.Ordinal) => CommitFailure.Data, // data exception: 22021 NUL, 22P05, 22001 too long
        _ when sqlState.StartsWith("23", StringComparison.Ordinal) => CommitFailure.Data, // integrity constraint (other than unique)
        _ when sqlState.StartsWith("54", StringComparison.Ordinal) => CommitFailure.Data, // program limit: a value too large for an index row
        _ => CommitFailure.Database,
    };
}
