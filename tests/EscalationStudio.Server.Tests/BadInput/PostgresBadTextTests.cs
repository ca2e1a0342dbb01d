using System.Diagnostics;
using System.Net;
using System.Text;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Tests.Persistence;
using EscalationStudio.Server.Tests.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EscalationStudio.Server.Tests.BadInput;

/// <summary>
/// On PostgreSQL, which refuses NUL in text: the API answers 400 naming the field before the writer sees the text,
/// and a value the database refuses anyway fails only its own command, without the retries meant for conflicts.
/// </summary>
public sealed class PostgresBadTextTests(ITestOutputHelper output)
{
    private const string RetryLine = "was changed by another writer; retrying";

    [PostgresFact]
    public async Task NUL_senders_get_400s_and_the_writer_never_retries_while_normal_messages_flow()
    {
        await using var server = new PostgresEscalationServer();
        using var client = server.Admin();
        var ticket = (await client.CreateTicketAsync(email: "nul-pg@example.com")).Id();
        var clock = Stopwatch.StartNew();

        // Two senders of NUL text beside one of ordinary messages, as in the issue (there throughput fell to a twentieth).
        var bad = Enumerable.Range(0, 2).Select(sender => Task.Run(async () =>
        {
            var answers = new List<HttpResponseMessage>();
            for (var i = 0; i < 40; i++)
            {
                answers.Add(await Post(client, $"/api/tickets/{ticket}/messages", $$"""{"kind":"customer","body":"refund {{sender}}-{{i}}\u0000"}"""));
            }

            return answers;
        })).ToList();
        var good = Task.Run(async () =>
        {
            var answers = new List<HttpResponseMessage>();
            for (var i = 0; i < 80; i++)
            {
                answers.Add(await Post(client, $"/api/tickets/{ticket}/messages", $$"""{"kind":"agent","body":"reply {{i}}"}"""));
            }

            return answers;
        });

        foreach (var answer in (await Task.WhenAll(bad)).SelectMany(a => a))
        {
            Assert.Contains("NUL", await answer.AssertInvalidFieldAsync("body"), StringComparison.Ordinal);
        }

        Assert.All(await good, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        output.WriteLine($"80 messages and 80 NUL refusals in {clock.ElapsedMilliseconds} ms");
        var timeline = await (await client.GetAsync($"/api/tickets/{ticket}/timeline")).ReadArrayAsync();
        Assert.Equal(81, timeline.Count);
        Assert.DoesNotContain(server.Logs, line => line.Contains(RetryLine, StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task NUL_in_other_text_and_in_query_values_is_a_400_not_a_500()
    {
        await using var server = new PostgresEscalationServer();
        using var client = server.Admin();
        var ticket = (await client.CreateTicketAsync(email: "nul-pg-2@example.com")).Id();

        await (await Post(client, "/api/tickets", """{"subject":"a\u0000","requester":{"name":"Dana","email":"nul-pg-3@example.com"}}""")).AssertInvalidFieldAsync("subject");
        await (await Post(client, $"/api/tickets/{ticket}/escalate", """{"reason":"\u0000"}""")).AssertInvalidFieldAsync("reason");
        await (await client.GetAsync("/api/tickets?tag=a%00b")).AssertInvalidFieldAsync("tag");
        await (await client.GetAsync("/elsa/api/workflow-definitions?definitionIds=a%00b")).AssertInvalidFieldAsync("definitionIds[0]");
        await (await client.GetAsync("/elsa/api/workflow-definitions/validation/is-name-unique?name=%00")).AssertInvalidFieldAsync("name");
        await (await Post(client, "/elsa/api/workflow-definitions/import", """{"definitionId":"nul-import","name":"Nul\u0000"}""")).AssertInvalidFieldAsync("name");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/tickets/{ticket}")).StatusCode);
    }

    [PostgresFact]
    public async Task A_value_the_database_refuses_fails_only_its_own_command_in_a_batch_and_is_not_retried()
    {
        await using var server = new HeldPostgresServer();
        var held = await server.InDeskAsync(desk => desk.CreateAsync(NewTicket("held-pg@example.com", "Grace Held"), Actor.System));

        // Nothing checks a requester's name length on the desk; the column holds 200 characters, so PostgreSQL says 22001.
        var (refused, first, second) = await InOneBatchAsync(server, held.Id, desk => (
            desk.CreateAsync(NewTicket("too-long-pg@example.com", new string('n', 300)), Actor.System),
            desk.CreateAsync(NewTicket("first-pg@example.com", "Fay First"), Actor.System),
            desk.AddTagAsync(held.Id, "kept", Actor.System)));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => refused);
        Assert.Equal("22001", Assert.IsType<Npgsql.PostgresException>(error.InnerException).SqlState);
        Assert.Equal("first-pg@example.com", (await first).Requester.Email);
        Assert.Contains("kept", (await second).Tags);
        Assert.Contains(server.Logs, line => line.Contains("committing them one by one", StringComparison.Ordinal));
        Assert.Contains(server.Logs, line => line.Contains("holds data the database refuses", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs, line => line.Contains(RetryLine, StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string url, string json) =>
        await client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    private static NewTicket NewTicket(string email, string name) =>
        new("Refused value", "Testing the writer's failures.", new NewTicketRequester(name, email), TicketChannel.Email);


    /// <summary>Holds the writer on a commit of <paramref name="heldTicket"/>, makes the commands, then lets them go as one batch.</summary>
    private static async Task<T> InOneBatchAsync<T>(HeldPostgresServer server, Guid heldTicket, Func<ITicketDesk, T> commands)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ITicketDesk>();
        var holding = server.Hold.HoldNextCommitOf(heldTicket);
        try
        {
            var hold = desk.AddTimelineEntryAsync(heldTicket, "hold", "holding the writer", Actor.System);
            await holding;
            var made = commands(desk);
            server.Hold.Release();
            await hold;
            return made;
        }
        finally
        {
            server.Hold.Release();
        }
    }

    private sealed class HeldPostgresServer : PostgresEscalationServer
    {
        public CommitHold Hold { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ITicketEventObserver>(Hold));
        }
    }
}
