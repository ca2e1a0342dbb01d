using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using EscalationStudio.Cli.Commands;

namespace EscalationStudio.Cli.Transfers;

/// <summary>A running server the CLI talks to: <c>--server URL --key API_KEY</c> (or ESCALATION_SERVER / ESCALATION_API_KEY).</summary>
internal static class ServerConnection
{
    public static Option<string?> ServerOption() => new("--server") { Description = "The server's address, e.g. http://127.0.0.1:5080 (default: ESCALATION_SERVER)." };

    public static Option<string?> KeyOption() => new("--key") { Description = "An API key (default: ESCALATION_API_KEY)." };

    /// <exception cref="UsageException">No server or key, or an address that is not http(s).</exception>
    public static HttpClient Open(string? server, string? key)
    {
        server ??= Environment.GetEnvironmentVariable("ESCALATION_SERVER");
        key ??= Environment.GetEnvironmentVariable("ESCALATION_API_KEY");
        if (string.IsNullOrWhiteSpace(server) || !Uri.TryCreate(server.TrimEnd('/') + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server must be the server's http(s) address, e.g. http://127.0.0.1:5080 (got '{server}')");
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            throw new UsageException("--key is required: an API key of the server (export: manager or admin; import: admin)");
        }

        var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    /// <summary>What a refused call means to the person at the terminal.</summary>
    /// <exception cref="UsageException">Always: the server said no.</exception>
    public static async Task RefusedAsync(string what, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new UsageException(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"{what}: the server does not know the key (401)",
            HttpStatusCode.Forbidden => $"{what}: the key's role may not do this (403)",
            _ => $"{what}: the server answered {(int)response.StatusCode} {body}",
        });
    }

    /// <exception cref="UsageException">The server cannot be reached.</exception>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UsageException($"{what}: cannot reach {client.BaseAddress}: {e.Message}");
        }
    }
}
