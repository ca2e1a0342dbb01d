using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.DataProtection;
using EscalationStudio.Server.Tests.Persistence;
using EscalationStudio.Server.Tests.Studio;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Tests.Auth;

/// <summary>
/// The Studio cookie names a key, not a role: every request finds that key again among the keys configured now, and
/// the cookie opens only servers that share this one's Data Protection keys (its database).
/// </summary>
public sealed class StudioCookieTests
{
    [Fact]
    public async Task A_cookie_stops_working_as_soon_as_its_key_is_removed_from_the_configuration()
    {
        await using var server = new ReloadableKeysServer();
        using var session = await server.SignedInAsync(EscalationServer.ManagerKey);
        using (var before = await session.SaveAsync(Studio.ElsaApi.NewPolicy(null, "Before the key went")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        server.Keys.Change(keys => keys.RemoveAll(k => k.Key == EscalationServer.ManagerKey));

        using var page = await session.GetAsync("studio");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/studio/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain(StudioSession.StudioCookie, session.Cookies.Keys);
        session.Cookies[StudioSession.StudioCookie] = server.LastStudioCookie!;
        using var read = await session.GetAsync("elsa/api/workflow-definitions");
        using var save = await session.SaveAsync(Studio.ElsaApi.NewPolicy(null, "After the key went"));
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, save.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.ClientWithKey(EscalationServer.ManagerKey).GetAsync("/api/tickets")).StatusCode);
    }

    [Fact]
    public async Task A_key_lowered_to_agent_takes_away_editing_at_once_and_raised_again_gives_it_back()
    {
        await using var server = new ReloadableKeysServer();
        using var session = await server.SignedInAsync(EscalationServer.ManagerKey);

        server.Keys.Change(keys => keys.ForEach(k =>
        {
            if (k.Key == EscalationServer.ManagerKey)
            {
                (k.Role, k.AgentId) = ("agent", EscalationServer.Tier1Agent);
            }
        }));
        using var asAgent = await session.SaveAsync(Studio.ElsaApi.NewPolicy(null, "Saved by an agent"));
        using var listAsAgent = await session.GetAsync("studio");

        server.Keys.Change(keys => keys.ForEach(k =>
        {
            if (k.Key == EscalationServer.ManagerKey)
            {
                (k.Role, k.AgentId) = ("manager", null);
            }
        }));
        using var asManager = await session.SaveAsync(Studio.ElsaApi.NewPolicy(null, "Saved by a manager again"));

        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listAsAgent.StatusCode);
        var list = await listAsAgent.Content.ReadAsStringAsync();
        Assert.DoesNotContain("New policy</button>", list);
        Assert.Contains(EscalationServer.Tier1Agent, list);
        Assert.Equal(HttpStatusCode.OK, asManager.StatusCode);
    }

    [Fact]
    public async Task A_reload_that_breaks_the_key_configuration_lets_no_key_in_until_it_is_fixed()
    {
        await using var server = new ReloadableKeysServer();
        using var session = await server.SignedInAsync(EscalationServer.AdminKey);

        server.Keys.Change(keys => keys.Add(new ConfiguredKey("short", "admin", null)));
        using var broken = await session.GetAsync("elsa/api/workflow-definitions");
        server.Keys.Change(keys => keys.RemoveAll(k => k.Key == "short"));
        session.Cookies[StudioSession.StudioCookie] = server.LastStudioCookie!;
        using var fixedAgain = await session.GetAsync("elsa/api/workflow-definitions");

        Assert.Equal(HttpStatusCode.Unauthorized, broken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fixedAgain.StatusCode);
    }

    [Fact]
    public async Task The_cookie_carries_the_key_s_hash_and_nothing_else()
    {
        await using var server = new ReloadableKeysServer();
        using var session = await server.SignedInAsync(EscalationServer.ManagerKey);

        var cookies = server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get("StudioCookie");
        var ticket = cookies.TicketDataFormat.Unprotect(session.Cookies[StudioSession.StudioCookie])!;

        var claim = Assert.Single(ticket.Principal.Claims);
        Assert.Equal("escalation:key-id", claim.Type);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EscalationServer.ManagerKey))), claim.Value);
        Assert.DoesNotContain(ticket.Principal.Claims, c => c.Type == ClaimTypes.Role);
    }

    [Fact]
    public async Task A_server_with_another_data_folder_refuses_the_cookie()
    {
        await using var issuer = new ReloadableKeysServer();
        await using var other = new ReloadableKeysServer();
        using var session = await issuer.SignedInAsync(EscalationServer.ManagerKey);
        using var elsewhere = other.Session();
        elsewhere.Cookies[StudioSession.StudioCookie] = session.Cookies[StudioSession.StudioCookie];

        using var page = await elsewhere.GetAsync("studio");
        using var api = await elsewhere.GetAsync("elsa/api/workflow-definitions");
        using var home = await session.GetAsync("elsa/api/workflow-definitions");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.NotEmpty(await issuer.InScopeAsync(sp => sp.GetRequiredService<EscalationDbContext>().Set<DataProtectionKeyRecord>().ToListAsync()));
    }

    [PostgresFact]
    public async Task Nodes_on_one_PostgreSQL_database_read_each_other_s_cookies_and_a_node_on_another_database_does_not()
    {
        await using var nodeA = new PostgresEscalationServer();
        await using var nodeB = nodeA.SecondNode();
        await using var otherDatabase = new PostgresEscalationServer();

        // Each node started on its own first: a factory's host start is not meant to be raced.
        _ = nodeA.Services;
        _ = nodeB.Services;
        using var onA = ReloadableKeysServer.SessionOf(nodeA);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync(EscalationServer.ManagerKey)).StatusCode);
        using var onB = ReloadableKeysServer.SessionOf(nodeB);
        using var onOther = ReloadableKeysServer.SessionOf(otherDatabase);
        onB.Cookies[StudioSession.StudioCookie] = onOther.Cookies[StudioSession.StudioCookie] = onA.Cookies[StudioSession.StudioCookie];

        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("elsa/api/workflow-definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onOther.GetAsync("elsa/api/workflow-definitions")).StatusCode);
    }
}

/// <summary>
/// The in-process server with its API keys in a configuration source the test changes while the server runs, as an
/// edit of appsettings.json (reloaded on change) does in production.
/// </summary>
public sealed class ReloadableKeysServer : EscalationServer
{
    public ReloadableKeysServer()
    {
        foreach (var key in Settings.Keys.Where(k => k.StartsWith("Auth:", StringComparison.Ordinal)).ToList())
        {
            Settings.Remove(key);
        }
    }

    public ReloadableKeys Keys { get; } = new(
    [
        new(AdminKey, "admin", null),
        new(ManagerKey, "manager", null),
        new(Tier1AgentKey, "agent", Tier1Agent),
    ]);

    /// <summary>The Studio cookie of the last sign-in, to present again after the server told the browser to drop it.</summary>
    public string? LastStudioCookie { get; private set; }

    public StudioSession Session() => SessionOf(this);

    public static StudioSession SessionOf(EscalationServer server) =>
        new(server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

    public async Task<StudioSession> SignedInAsync(string key)
    {
        var session = Session();
        using var response = await session.SignInAsync(key);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        LastStudioCookie = session.Cookies[StudioSession.StudioCookie];
        return session;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration(configuration => configuration.Add(Keys));
    }
}

/// <summary>Auth:ApiKeys as a configuration source whose change raises the reload token, like a watched file's.</summary>
public sealed class ReloadableKeys(List<ConfiguredKey> keys) : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load() => Data = Flatten();

    public void Change(Action<List<ConfiguredKey>> change)
    {
        change(keys);
        Data = Flatten();
        try
        {
            OnReload();
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            // Options listeners validate the new values as they hear of them; a watched file reloads on a background
            // task where this goes unseen, and the server goes on with the keys it can read (none, when invalid).
        }
    }

    private Dictionary<string, string?> Flatten()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < keys.Count; i++)
        {
            data[$"Auth:ApiKeys:{i}:Key"] = keys[i].Key;
            data[$"Auth:ApiKeys:{i}:Role"] = keys[i].Role;
            if (keys[i].AgentId is { } agent)
            {
                data[$"Auth:ApiKeys:{i}:AgentId"] = agent;
            }
        }

        return data;
    }
}

public sealed class ConfiguredKey(string key, string role, string? agentId)
{
    public string Key { get; } = key;

    public string Role { get; set; } = role;

    public string? AgentId { get; set; } = agentId;
}
