using EscalationStudio.Testing;
using EscalationStudio.Workflows.Definitions.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Server.Tests.BadInput;

/// <summary>
/// The server on real Kestrel at 127.0.0.1 (so HTTP parsing, body limits and charsets are the production ones), on its
/// own SQLite file, with the repository's sample policies published, and the ids a fuzzed request can aim at: tickets,
/// definitions and versions that exist, next to the ones that do not.
/// </summary>
public sealed class FuzzServer : EscalationServer, IAsyncLifetime
{
    public FuzzServer()
    {
        var samples = Path.Combine(Org.RepositoryFolder.Path, "workflows", "escalation");
        foreach (var file in Directory.GetFiles(samples, "*.json"))
        {
            var copy = Path.Combine(Root, "workflows", "escalation", Path.GetFileName(file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<FuzzRoute> Routes { get; private set; } = [];

    /// <summary>Existing ids by the route parameter names that take them.</summary>
    public Dictionary<string, string[]> KnownIds { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A client that neither follows redirects nor keeps cookies: each request stands alone.</summary>
    public HttpClient Raw() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task InitializeAsync()
    {
        BaseAddress = this.StartOnLoopback();

        // Every endpoint the app maps, as routing sees it: a route added tomorrow is fuzzed without touching this test.
        Routes = [.. Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => new FuzzRoute(
                endpoint.RoutePattern,
                endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() is { Length: > 0 } methods ? methods : [HttpMethods.Get],
                endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? endpoint.RoutePattern.RawText ?? "?",
                endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType,
                endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>()))];

        using var admin = Raw();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", AdminKey);
        var tickets = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tickets.Add((await admin.CreateTicketAsync(subject: $"Fuzz target {i}", email: $"fuzz-{i}@example.com")).Id());
        }

        var versions = await InScopeAsync(sp => sp.GetRequiredService<IWorkflowDefinitionStore>().ListAsync(VersionOptions.AllVersions));
        KnownIds["id"] = [.. tickets, .. versions.Select(v => v.Id)];
        KnownIds["definitionId"] = [.. versions.Select(v => v.DefinitionId).Distinct()];
        KnownIds["version"] = ["1", "2"];
        KnownIds["typeName"] = ["Escalation.KeywordMatched", "Elsa.Flowchart", "Elsa.WriteLine"];
        KnownIds["path"] = ["index.html", "_framework/blazor.webassembly.js", "appsettings.json"];
    }

    /// <summary>Errors the host logged with an exception (a 500's cause), as "category: exception type: message, at frame".</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorLog(Errors)));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed class ErrorLog(System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                var innermost = exception.GetBaseException();
                var frames = (innermost.StackTrace ?? "").Split('\n').Select(f => f.Trim());
                var ours = frames.FirstOrDefault(f => f.Contains("EscalationStudio", StringComparison.Ordinal)) ?? frames.FirstOrDefault();
                errors.Enqueue($"{exception.GetType().Name} → {innermost.GetType().Name}: {innermost.Message} {ours}");
            }
        }

        public void Dispose()
        {
        }
    }
}

/// <param name="BodyType">The JSON body the endpoint binds, when it binds one (minimal APIs say so in their metadata).</param>
/// <param name="Handler">The handler method, whose other parameters are the query's names.</param>
public sealed record FuzzRoute(
    Microsoft.AspNetCore.Routing.Patterns.RoutePattern Pattern,
    string[] Methods,
    string Name,
    Type? BodyType,
    System.Reflection.MethodInfo? Handler)
{
    public override string ToString() => $"{string.Join('|', Methods)} {Pattern.RawText}";
}
