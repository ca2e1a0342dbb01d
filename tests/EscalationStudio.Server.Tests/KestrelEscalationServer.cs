using EscalationStudio.Testing;

namespace EscalationStudio.Server.Tests;

/// <summary>
/// The same server on real Kestrel at 127.0.0.1, for behaviour the in-memory test server does not have (request
/// body size limits are enforced by Kestrel).
/// </summary>
public sealed class KestrelEscalationServer : EscalationServer, IAsyncLifetime
{
    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient OverHttp(string key) => BaseAddress.WithApiKey(key);

    public Task InitializeAsync()
    {
        BaseAddress = this.StartOnLoopback();
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
