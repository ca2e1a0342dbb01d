using System.Net;
using System.Net.Http.Json;
using System.Text;
using EscalationStudio.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

public sealed class CreateTicketTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private readonly HttpClient _admin = server.Admin();

    [Fact]
    public async Task Creating_a_ticket_answers_201_with_id_status_tier_and_owner()
    {
        var response = await _admin.PostAsync("/api/tickets", new
        {
            subject = "Charged twice for November",
            description = "Two identical charges on my card.",
            requester = new { name = "Jo Park", email = "Jo.Park@Example.com", vip = true, lifetimeValue = 50000m },
            channel = "chat",
            priority = "urgent",
            tags = new[] { "Billing", "billing", "refund" },
            owner = EscalationServer.Tier1Agent,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadObjectAsync();
        Assert.Equal($"/api/tickets/{ticket.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("new", (string?)ticket["status"]);
        Assert.Equal("tier-1", (string?)ticket["tier"]);
        Assert.Equal(EscalationServer.Tier1Agent, (string?)ticket["owner"]);
        Assert.Equal("urgent", (string?)ticket["priority"]);
        Assert.Equal("chat", (string?)ticket["channel"]);
        Assert.Equal("jo.park@example.com", (string?)ticket["requester"]!["email"]);
        Assert.True((bool)ticket["requester"]!["vip"]!);
        Assert.Equal(["billing", "refund"], ticket["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(server.Clock.GetUtcNow().AddTicks(-(server.Clock.GetUtcNow().Ticks % TimeSpan.TicksPerMillisecond)), ticket["createdAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Times_read_back_exactly_as_the_command_answered_them()
    {
        server.Clock.Advance(TimeSpan.FromTicks(1_234_567));
        var created = await _admin.CreateTicketAsync(email: "clock@example.com");

        var read = await (await _admin.GetAsync($"/api/tickets/{created.Id()}")).ReadObjectAsync();

        Assert.Equal(created["createdAt"]!.GetValue<DateTimeOffset>(), read["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(0, created["createdAt"]!.GetValue<DateTimeOffset>().Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public async Task A_returning_customer_is_found_by_email_and_keeps_their_record()
    {
        var first = await _admin.CreateTicketAsync(email: "returning@example.com", vip: true);
        var second = await _admin.CreateTicketAsync(email: "RETURNING@example.com", vip: false);

        Assert.Equal((string?)first["requester"]!["id"], (string?)second["requester"]!["id"]);
        Assert.True((bool)second["requester"]!["vip"]!);
    }

    [Fact]
    public async Task Defaults_are_normal_priority_api_channel_and_the_entry_tier_queue()
    {
        var response = await _admin.PostAsync("/api/tickets", new { subject = "Hello", requester = new { name = "Sam", email = "sam@example.com" } });

        var ticket = await response.ReadObjectAsync();
        Assert.Equal("normal", (string?)ticket["priority"]);
        Assert.Equal("api", (string?)ticket["channel"]);
        Assert.Equal("tier-1", (string?)ticket["tier"]);
        Assert.Null(ticket["owner"]);
    }

    [Fact]
    public async Task Missing_subject_is_a_400_naming_subject()
    {
        var response = await _admin.PostAsync("/api/tickets", new { requester = new { name = "Sam", email = "sam@example.com" } });

        Assert.Contains("subject", await response.AssertInvalidFieldAsync("subject"));
    }

    [Fact]
    public async Task Unknown_priority_is_a_400_naming_priority_and_listing_the_allowed_values()
    {
        var response = await _admin.PostAsync("/api/tickets", new { subject = "x", priority = "asap", requester = new { name = "Sam", email = "sam@example.com" } });

        var message = await response.AssertInvalidFieldAsync("priority");
        Assert.Contains("low, normal, high, urgent", message);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once_with_nested_paths()
    {
        var response = await _admin.PostAsync("/api/tickets", new { subject = "x", channel = "pigeon", requester = new { name = "", email = "not-an-email" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem["errors"]!.AsObject().Select(e => e.Key).Order();
        Assert.Equal(["channel", "requester.email", "requester.name"], fields);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _admin.PostAsync("/api/tickets", new StringContent("{\"subject\": \"x\", ", Encoding.UTF8, "application/json"));

        Assert.Contains("malformed JSON", await response.AssertInvalidFieldAsync("body"));
    }

    [Fact]
    public async Task A_value_of_the_wrong_json_type_is_a_400_naming_the_field()
    {
        var response = await _admin.PostAsync("/api/tickets", new StringContent("{\"subject\": 42}", Encoding.UTF8, "application/json"));

        await response.AssertInvalidFieldAsync("subject");
    }

    [Fact]
    public async Task A_missing_body_is_a_400_naming_the_body()
    {
        var response = await _admin.PostAsync("/api/tickets", new StringContent(string.Empty, Encoding.UTF8, "application/json"));

        await response.AssertInvalidFieldAsync("body");
    }

    [Fact]
    public async Task An_oversized_description_is_a_400_naming_description()
    {
        var response = await _admin.PostAsync("/api/tickets", new { subject = "x", description = new string('a', 70 * 1024), requester = new { name = "Sam", email = "sam@example.com" } });

        await response.AssertInvalidFieldAsync("description");
    }

    [Fact]
    public async Task An_owner_from_another_tier_is_refused_and_nothing_is_half_written()
    {
        var response = await _admin.PostAsync("/api/tickets", new
        {
            subject = "x",
            requester = new { name = "Nobody Yet", email = "half-written@example.com" },
            owner = EscalationServer.Tier2Agent,
        });

        Assert.Contains("tier-2", await response.AssertInvalidFieldAsync("owner"));
        var customers = await server.InScopeAsync(sp => sp.GetRequiredService<EscalationDbContext>().Customers.CountAsync(c => c.Email == "half-written@example.com"));
        Assert.Equal(0, customers);
    }

    [Fact]
    public async Task An_unknown_tier_is_a_400_naming_tier()
    {
        var response = await _admin.PostAsync("/api/tickets", new { subject = "x", tier = "tier-9", requester = new { name = "Sam", email = "sam@example.com" } });

        Assert.Contains("tier-9", await response.AssertInvalidFieldAsync("tier"));
    }
}
