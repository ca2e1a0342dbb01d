using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace EscalationStudio.Server.Tests.Delivery;

/// <summary>The delivery settings that send a test server's e-mail to a loopback SMTP server and turn chat on.</summary>
internal static class LoopbackDelivery
{
    public static void SendEmailTo(this Dictionary<string, string?> settings, LoopbackSmtp smtp)
    {
        settings["Escalation:Delivery:Email:Enabled"] = "true";
        settings["Escalation:Delivery:Email:Host"] = "127.0.0.1";
        settings["Escalation:Delivery:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Escalation:Delivery:Email:Security"] = "None";
        settings["Escalation:Delivery:Email:From"] = "desk@brightline.example";
        settings["Escalation:Delivery:Chat:Enabled"] = "true";
    }
}

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) keeping every message it receives; given credentials, it
/// requires them (over plain text: it is loopback) and refuses any other.
/// </summary>
internal sealed class LoopbackSmtp : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _signIns;

    public LoopbackSmtp(string? userName = null, string? password = null)
    {
        Port = Receivers.FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .AuthenticationRequired(userName is not null)
                .AllowUnsecureAuthentication(userName is not null))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(Messages));
        if (userName is not null)
        {
            services.Add(new SmtpServer.Authentication.DelegatingUserAuthenticator((user, given) =>
            {
                var accepted = user == userName && given == password;
                if (accepted)
                {
                    Interlocked.Increment(ref _signIns);
                }

                return accepted;
            }));
        }
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>How many sessions signed in with the right credentials.</summary>
    public int SignIns => Volatile.Read(ref _signIns);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel) standing in for chat webhooks: keeps every call (path, idempotency
/// key, JSON body) and answers what <see cref="Answer"/> says, 200 by default.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public ConcurrentQueue<(string Path, string? Key, JsonObject Body, HttpStatusCode Answered)> Calls { get; } = new();

    /// <summary>The status for the n-th call (1-based).</summary>
    public Func<int, HttpStatusCode> Answer { get; set; } = _ => HttpStatusCode.OK;

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path}");

    public static async Task<WebhookReceiver> StartAsync(int? port = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var listenOn = port ?? Receivers.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{listenOn}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, listenOn);
        var count = 0;
        app.MapPost("/{**path}", async (HttpContext context, string path) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            var status = receiver.Answer(Interlocked.Increment(ref count));
            receiver.Calls.Enqueue((path, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), body, status));
            return Results.StatusCode((int)status);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class Receivers
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits (bounded) for I/O another process or thread does; time logic never waits here.</summary>
    public static async Task UntilAsync(Func<bool> done, string what, int seconds = 30)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"{what} did not happen within {seconds} s");
            }

            await Task.Delay(20);
        }
    }
}
