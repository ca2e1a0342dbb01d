using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Tests.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

/// <summary>
/// The test server with an observer that can hold the ticket writer: observers are told on the writer's loop, so
/// while one commit's observer waits, every command made meanwhile queues up and lands in the next group commit.
/// That makes "these commands share one batch" a certainty instead of a race.
/// </summary>
public sealed class HeldWriterServer : EscalationServer
{
    public CommitHold Hold { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ITicketEventObserver>(Hold));
    }
}

/// <summary><see cref="HeldWriterServer"/> on PostgreSQL, whose group commit sends its statements as one batch.</summary>
public sealed class HeldWriterPostgresServer : PostgresEscalationServer
{
    public CommitHold Hold { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ITicketEventObserver>(Hold));
    }
}

/// <summary>Records every commit it hears (the ticket as handed over, and the events) and holds the writer when asked.</summary>
public sealed class CommitHold : ITicketEventObserver
{
    private readonly Lock _gate = new();
    private readonly List<Commit> _heard = [];
    private Guid? _holdOn;
    private TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A commit as an observer saw it: the ticket's version and conversation length then, and the events.</summary>
    public sealed record Commit(Guid TicketId, int Version, int Messages, IReadOnlyList<int> Sequences);

    public IReadOnlyList<Commit> Heard
    {
        get
        {
            lock (_gate)
            {
                return [.. _heard];
            }
        }
    }

    /// <summary>Arms the hold: the next commit of <paramref name="ticketId"/> keeps the writer waiting until <see cref="Release"/>. Completes once it does.</summary>
    public Task HoldNextCommitOf(Guid ticketId)
    {
        lock (_gate)
        {
            _holdOn = ticketId;
            _holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _holding.Task;
        }
    }

    public void Release() => _release.TrySetResult();

    /// <summary>
    /// Makes <paramref name="commands"/> while the writer is held on a commit of <paramref name="heldTicket"/>, so they
    /// all land in the next group commit, and answers what they made.
    /// </summary>
    public async Task<T> InOneBatchAsync<T>(IServiceProvider services, Guid heldTicket, Func<ITicketDesk, T> commands)
    {
        await using var scope = services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ITicketDesk>();
        var holding = HoldNextCommitOf(heldTicket);
        try
        {
            var hold = desk.AddTimelineEntryAsync(heldTicket, "hold", "holding the writer", Actor.Policy("commit-hold"));
            await holding;
            var made = commands(desk);
            Release();
            await hold;
            return made;
        }
        finally
        {
            Release();
        }
    }

    public async ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        Task? wait = null;
        lock (_gate)
        {
            _heard.Add(new Commit(ticket.Id, ticket.Version, ticket.Messages.Count, [.. events.Select(e => e.Sequence)]));
            if (_holdOn == ticket.Id)
            {
                _holdOn = null;
                _holding.TrySetResult();
                wait = _release.Task;
            }
        }

        if (wait is not null)
        {
            await wait;
        }
    }
}
