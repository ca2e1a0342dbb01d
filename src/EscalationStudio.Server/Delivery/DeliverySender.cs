using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Hosting;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Delivery;

/// <summary>
/// Sends what the delivery outbox holds: leases due rows (so no other node sends them meanwhile), sends each, and
/// records the answer on the row in a commit of its own before anything else, then on the ticket's timeline
/// (<c>delivery-succeeded</c> / <c>delivery-failed</c> with channel, target, attempt and error; never a secret).
/// A failed attempt is due again after the back-off of <see cref="DeliveryOptions.RetryDelay"/>, kept on the row.
/// </summary>
/// <remarks>
/// <para>
/// At least once, and once in practice: a receiver that answered is marked delivered at once, so a restart never
/// calls it again. What is left is the moment between the receiver's answer and that commit: a process killed there
/// sends the row again, with the same idempotency key, by which the receiver can drop it.
/// </para>
/// <para>
/// A lease names the node (the machine and its data folder) and the process. A node restarting on its data folder
/// takes the node's lock there (held by one process at a time, and let go by the system when a process dies), so it
/// knows its earlier process is gone and takes back the rows that process had claimed at once instead of after the
/// lease: a resend it makes is one the lease's end would have made too. Another node's leases still run out first.
/// </para>
/// </remarks>
internal sealed partial class DeliverySender(
    IDeliveryOutbox outbox,
    EmailSender email,
    ChatWebhookSender chat,
    IServiceScopeFactory scopes,
    IOptions<DeliveryOptions> options,
    EscalationPaths paths,
    TimeProvider time,
    ILogger<DeliverySender> logger) : BackgroundService
{
    public const string SucceededKind = "delivery-succeeded";
    public const string FailedKind = "delivery-failed";
    private const int BatchSize = 20;

    private const string LockFile = "delivery-sender.lock";

    private readonly SemaphoreSlim _wake = new(0, 1);
    private FileStream? _nodeLock;

    /// <summary>The node: this machine and data folder, the same in every process started on them.</summary>
    internal string NodePrefix { get; } = NodeOf(paths.DataPath);

    /// <summary>This process: unique per start, so a restarted node never takes its predecessor's leases for its own.</summary>
    internal string Holder { get; } = $"{NodeOf(paths.DataPath)}{Guid.NewGuid():N}:{Environment.ProcessId}";

    /// <summary>Looks at the outbox now rather than at the next poll: a commit on this node just planned deliveries.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await TakeBackOwnLeasesAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // The leases run out by themselves; only the prompt resume is lost.
            LogTakeBackFailed(e);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was unavailable: the rows stay, and the next round tries again.
                LogRoundFailed(e);
            }

            if (claimed < BatchSize)
            {
                await WaitAsync(stoppingToken);
            }
        }
    }

    /// <summary>
    /// Takes the node's lock in its data folder and, holding it, ends the leases the node's earlier processes left;
    /// without the lock (another process runs on this folder) their leases are left to run out.
    /// </summary>
    internal async Task<int> TakeBackOwnLeasesAsync(CancellationToken cancellationToken)
    {
        if (_nodeLock is null)
        {
            try
            {
                Directory.CreateDirectory(paths.DataPath);
                _nodeLock = new FileStream(Path.Combine(paths.DataPath, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                LogNodeLockHeld(e.Message, paths.DataPath);
                return 0;
            }
        }

        var released = await outbox.ReleaseLeasesAsync(NodePrefix, Holder, cancellationToken);
        if (released > 0)
        {
            LogTookBack(released);
            Wake();
        }

        return released;
    }

    public override void Dispose()
    {
        base.Dispose();
        _nodeLock?.Dispose();
    }

    /// <summary>One round: claims and sends what is due; answers how many rows it claimed.</summary>
    internal async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = await outbox.ClaimDueAsync(Holder, BatchSize, settings.Lease, cancellationToken);
        foreach (var pending in due)
        {
            await SendAsync(pending, settings, cancellationToken);
        }

        return due.Count;
    }

    private async Task SendAsync(PendingDelivery pending, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        var delivery = pending.Delivery;
        var attempt = pending.Attempts + 1;
        string? error = null;
        var permanent = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            await (delivery.Channel == DeliveryChannel.Email ? email.SendAsync(delivery, timeout.Token) : chat.SendAsync(delivery, timeout.Token));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the lease runs out and the row is sent again (same key) by the next claim.
            throw;
        }
        catch (Exception e)
        {
            (error, permanent) = Describe(e);
        }

        if (error is null)
        {
            await outbox.MarkDeliveredAsync(delivery.Key, attempt, CancellationToken.None);
            LogDelivered(delivery.Key, delivery.Channel, delivery.Target, attempt);
            await RecordAsync(delivery, SucceededKind, $"{Describe(delivery)} delivered (attempt {attempt})", attempt, null, null);
            return;
        }

        DateTimeOffset? retryAt = permanent || attempt >= settings.MaxAttempts ? null : time.GetUtcNow() + settings.RetryDelay(attempt);
        await outbox.MarkFailedAsync(delivery.Key, attempt, error, retryAt, CancellationToken.None);
        LogFailed(delivery.Key, delivery.Channel, delivery.Target, attempt, error, retryAt);
        await RecordAsync(delivery, FailedKind,
            retryAt is { } at
                ? $"{Describe(delivery)} failed (attempt {attempt}): {error}; next attempt {at:yyyy-MM-dd HH:mm:ss} UTC"
                : $"{Describe(delivery)} failed (attempt {attempt}): {error}; given up",
            attempt, error, retryAt);
    }

    private async Task RecordAsync(PlannedDelivery delivery, string kind, string text, int attempt, string? error, DateTimeOffset? retryAt)
    {
        var data = new Dictionary<string, string>
        {
            ["channel"] = delivery.Channel == DeliveryChannel.Email ? "email" : "chat",
            ["target"] = delivery.Target,
            ["purpose"] = delivery.Purpose,
            ["attempt"] = attempt.ToString(CultureInfo.InvariantCulture),
            ["deliveryKey"] = delivery.Key,
            ["eventSequence"] = delivery.EventSequence.ToString(CultureInfo.InvariantCulture),
        };
        if (error is not null)
        {
            data["error"] = error;
            data["final"] = retryAt is null ? "true" : "false";
        }

        if (retryAt is { } at)
        {
            data["retryAt"] = at.ToString("O", CultureInfo.InvariantCulture);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ITicketDesk>().AddTimelineEntryAsync(delivery.TicketId, kind, text, Actor.System, data);
        }
        catch (Exception e)
        {
            // The row has the outcome already; the timeline misses this one entry.
            LogTimelineFailed(e, delivery.Key, delivery.TicketId);
        }
    }

    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        var wait = options.Value.PollInterval;
        try
        {
            if (await outbox.NextDueAsync(stoppingToken) is { } next)
            {
                var until = next - time.GetUtcNow();
                wait = until <= TimeSpan.Zero ? TimeSpan.Zero : until < wait ? until : wait;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Asked again after the poll interval.
        }

        if (wait == TimeSpan.Zero)
        {
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, time, either.Token);
        var woken = _wake.WaitAsync(either.Token);
        await Task.WhenAny(delay, woken);
        await either.CancelAsync();
        try
        {
            await Task.WhenAll(delay, woken);
        }
        catch (OperationCanceledException)
        {
            // The other one ended the wait.
        }
    }

    // The data folder's full path stands for the node (hashed: a lease holder is at most 200 characters, and paths are long).
    internal static string NodeOf(string dataPath)
    {
        var folder = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataPath))))[..16];
        var machine = Environment.MachineName.Length > 100 ? Environment.MachineName[..100] : Environment.MachineName;
        return $"{machine}:{folder}/";
    }

    private static string Describe(PlannedDelivery delivery) =>
        $"{delivery.Purpose} by {(delivery.Channel == DeliveryChannel.Email ? "e-mail to" : "chat webhook")} {delivery.Target}";

    /// <summary>The error as the timeline shows it: the failure's own words, never a URL (a webhook's URL is its secret).</summary>
    private static (string Error, bool Permanent) Describe(Exception e) => e switch
    {
        PermanentDeliveryException p => (p.Message, true),
        // 5xx replies are permanent by SMTP's own rule (RFC 5321), 4xx ones transient.
        SmtpCommandException s => ($"SMTP {(int)s.StatusCode}: {s.Message}", (int)s.StatusCode >= 500),
        OperationCanceledException or TimeoutException => ("no answer within the timeout", false),
        HttpRequestException h => (h.Message, false),
        _ => ($"{e.GetType().Name}: {e.Message}", false),
    };

    [LoggerMessage(LogLevel.Information, "Delivery {Key} ({Channel} to {Target}) delivered on attempt {Attempt}")]
    private partial void LogDelivered(string key, DeliveryChannel channel, string target, int attempt);

    [LoggerMessage(LogLevel.Warning, "Delivery {Key} ({Channel} to {Target}) failed on attempt {Attempt}: {Error}; next attempt at {RetryAt} (none: given up)")]
    private partial void LogFailed(string key, DeliveryChannel channel, string target, int attempt, string error, DateTimeOffset? retryAt);

    [LoggerMessage(LogLevel.Information, "Took back {Count} deliveries this node's earlier process had claimed; they are sent now")]
    private partial void LogTookBack(int count);

    [LoggerMessage(LogLevel.Warning, "Another process holds the delivery lock in {DataPath} ({Reason}); deliveries it claimed are sent when their leases run out")]
    private partial void LogNodeLockHeld(string reason, string dataPath);

    [LoggerMessage(LogLevel.Warning, "Could not take back the deliveries this node's earlier process had claimed; they are sent when their leases run out")]
    private partial void LogTakeBackFailed(Exception exception);

    [LoggerMessage(LogLevel.Error, "A delivery round failed; the outbox keeps its rows and the next round tries again")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Delivery {Key}'s outcome is on its outbox row but could not be added to ticket {TicketId}'s timeline")]
    private partial void LogTimelineFailed(Exception exception, string key, Guid ticketId);
}
