using System.Text;
using EscalationStudio.Persistence.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EscalationStudio.Persistence.Tests.Tickets;

/// <summary>
/// What the ticket writer retries: only another writer's change (version check, serialization failure, deadlock, a
/// unique index). A value the database refuses fails its own command at once; a database that is gone fails the batch.
/// </summary>
public sealed class CommitFailureTests
{
    [Theory]
    [InlineData("40001")] // serialization failure
    [InlineData("40P01")] // deadlock
    [InlineData("23505")] // unique violation: the same event sequence, the same new customer
    public void PostgreSQL_conflicts_are_retried(string sqlState) =>
        Assert.Equal(CommitFailure.Conflict, CommitFailures.Classify(Wrapped(new PostgresException("conflict", "ERROR", "ERROR", sqlState))));

    [Theory]
    [InlineData("22021")] // invalid byte sequence for encoding "UTF8": 0x00
    [InlineData("22P05")] // unsupported Unicode escape sequence (\u0000 in jsonb)
    [InlineData("22001")] // value too long for type character varying(200)
    [InlineData("23502")] // not-null violation
    [InlineData("54000")] // index row size exceeds the maximum
    public void PostgreSQL_data_errors_fail_their_own_command_without_retries(string sqlState) =>
        Assert.Equal(CommitFailure.Data, CommitFailures.Classify(Wrapped(new PostgresException("refused", "ERROR", "ERROR", sqlState))));

    [Theory]
    [InlineData("57P01")] // admin shutdown
    [InlineData("53100")] // disk full
    [InlineData("08006")] // connection failure
    public void PostgreSQL_server_failures_fail_the_batch(string sqlState) =>
        Assert.Equal(CommitFailure.Database, CommitFailures.Classify(Wrapped(new PostgresException("down", "FATAL", "FATAL", sqlState))));

    [Fact]
    public void A_lost_connection_fails_the_batch() =>
        Assert.Equal(CommitFailure.Database, CommitFailures.Classify(Wrapped(new NpgsqlException("Exception while reading from stream", new EndOfStreamException()))));

    [Fact]
    public void The_version_check_is_a_conflict() =>
        Assert.Equal(CommitFailure.Conflict, CommitFailures.Classify(new DbUpdateConcurrencyException("ticket changed by another writer")));

    [Theory]
    [InlineData(5, 5, "Conflict")] // SQLITE_BUSY
    [InlineData(6, 6, "Conflict")] // SQLITE_LOCKED
    [InlineData(19, 2067, "Conflict")] // SQLITE_CONSTRAINT_UNIQUE
    [InlineData(19, 1555, "Conflict")] // SQLITE_CONSTRAINT_PRIMARYKEY
    [InlineData(19, 275, "Data")] // SQLITE_CONSTRAINT_CHECK
    [InlineData(18, 18, "Data")] // SQLITE_TOOBIG
    [InlineData(13, 13, "Database")] // SQLITE_FULL
    [InlineData(10, 10, "Database")] // SQLITE_IOERR
    public void SQLite_answers_are_told_apart(int code, int extended, string expected) =>
        Assert.Equal(Enum.Parse<CommitFailure>(expected), CommitFailures.Classify(Wrapped(new SqliteException("sqlite", code, extended))));

    [Fact]
    public void Text_the_provider_cannot_even_encode_is_a_data_error() =>
        Assert.Equal(CommitFailure.Data, CommitFailures.Classify(new EncoderFallbackException("Unable to translate Unicode character \\uD800")));

    // As TicketBatch throws them: the provider's exception inside EF Core's.
    private static DbUpdateException Wrapped(Exception provider) => new($"committing 1 ticket changes failed: {provider.Message}", provider);
}
