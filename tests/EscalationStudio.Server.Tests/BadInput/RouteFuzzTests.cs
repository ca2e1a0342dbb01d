using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace EscalationStudio.Server.Tests.BadInput;

/// <summary>
/// Generated bad requests against every route the server maps: none may answer 5xx or hang, every 4xx of the API is
/// problem+json, and the server serves normal requests afterwards. The run is reproducible (fixed seed); its size and
/// seed come from ESCALATION_FUZZ_REQUESTS and ESCALATION_FUZZ_SEED.
/// </summary>
public sealed class RouteFuzzTests(FuzzServer server, ITestOutputHelper output) : IClassFixture<FuzzServer>
{
    private const int DefaultRequests = 5_000;
    private const ulong DefaultSeed = 20_261_127;

    [Fact]
    public async Task No_generated_bad_request_gets_a_5xx_and_the_server_keeps_serving()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("ESCALATION_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultRequests;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("ESCALATION_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var definition = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Org.RepositoryFolder.Path, "workflows", "escalation", "retention-fast-lane.json")))!;
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var clients = Enum.GetValues<Caller>().ToDictionary(caller => caller, Client);

        var property = Prop.ForAll(Arb.From(BadRequests.For(server, definition)), async request =>
        {
            var (status, problem) = await SendAsync(clients[request.Caller], request);
            statuses.AddOrUpdate(status, 1, (_, seen) => seen + 1);
            if (problem is not null)
            {
                failures.Enqueue($"{problem}: {request}");
            }
        });

        // Odd gamma: FsCheck's splittable generator needs one.
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(count)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15), FSharpOption<int>.None)))
            .WithRunner(new TestOutputRunner(output));
        var clock = Stopwatch.StartNew();

        // Off xunit's synchronisation context: FsCheck waits on each request's task.
        await Task.Run(() => Check.One(config, property));

        output.WriteLine($"{count:N0} requests to {server.Routes.Count} routes in {clock.Elapsed.TotalSeconds:N1} s (seed {seed}): "
            + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Value:N0}×{p.Key}")));
        var causes = server.Errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()}× {g.Key}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {count} requests failed; the first ones:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(25))}"
            + $"{Environment.NewLine}Exceptions the server logged:{Environment.NewLine}{string.Join(Environment.NewLine, causes.Take(25))}");
        Assert.Equal(count, statuses.Values.Sum());

        await AssertStillServingAsync(clients[Caller.Admin], definition);
    }

    /// <summary>What is wrong with the answer, or null when it is a fine answer to a bad request.</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Target);
        if (request.Body is not null || request.ContentType is not null)
        {
            message.Content = new ByteArrayContent(request.Body ?? []);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message);
        }
        catch (TaskCanceledException)
        {
            return (0, "no answer within 30 s");
        }
        catch (HttpRequestException e)
        {
            return (0, $"the connection failed ({e.Message})");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                return (status, $"{status} {Truncate(body)}");
            }

            // Kestrel itself refuses some requests (a NUL in the path) before any of the app runs: it closes the
            // connection with an empty 400, which the app has no say in.
            var refusedByKestrel = status == 400 && body.Length == 0 && response.Headers.ConnectionClose == true;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (request.IsApi && !refusedByKestrel && status >= 400 && request.Method != "HEAD" && mediaType != "application/problem+json")
            {
                return (status, $"{status} as {mediaType ?? "no content type"} instead of problem+json: {Truncate(body)}");
            }

            return (status, null);
        }
    }

    /// <summary>After the storm, ordinary work still goes through: a ticket, a reply, the org, the health check, the policies.</summary>
    private static async Task AssertStillServingAsync(HttpClient admin, JsonObject definition)
    {
        var ticket = await admin.CreateTicketAsync(subject: "After the fuzz", email: "after.fuzz@example.com");
        var reply = await admin.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "agent", body = "Still here." });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/org")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
        definition["definitionId"] = "after-the-fuzz";
        definition["id"] = "after-the-fuzz-v1";
        definition["name"] = "After the fuzz";
        var saved = await admin.PostAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = definition, ["publish"] = true });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private HttpClient Client(Caller caller)
    {
        var client = server.Raw();
        var header = caller switch
        {
            Caller.Admin => new AuthenticationHeaderValue("ApiKey", EscalationServer.AdminKey),
            Caller.Manager => new AuthenticationHeaderValue("ApiKey", EscalationServer.ManagerKey),
            Caller.Agent => new AuthenticationHeaderValue("ApiKey", EscalationServer.Tier1AgentKey),
            Caller.UnknownKey => new AuthenticationHeaderValue("ApiKey", "no-such-key-000000000000"),
            Caller.MalformedHeader => new AuthenticationHeaderValue("ApiKey", new string('k', 5000)),
            _ => null,
        };
        client.DefaultRequestHeaders.Authorization = header;
        return client;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
