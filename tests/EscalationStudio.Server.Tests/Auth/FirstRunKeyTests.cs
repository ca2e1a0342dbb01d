using System.Net;

namespace EscalationStudio.Server.Tests.Auth;

/// <summary>A server with no configured keys, as on a fresh checkout.</summary>
public sealed class UnconfiguredServer : EscalationServer
{
    public UnconfiguredServer()
    {
        foreach (var key in Settings.Keys.Where(k => k.StartsWith("Auth:", StringComparison.Ordinal)).ToList())
        {
            Settings.Remove(key);
        }
    }
}

public sealed class FirstRunKeyTests(UnconfiguredServer server) : IClassFixture<UnconfiguredServer>
{
    [Fact]
    public async Task Without_configured_keys_an_admin_key_is_generated_in_the_data_folder_and_works()
    {
        _ = server.CreateClient();
        var file = Path.Combine(server.DataPath, "admin-api-key.txt");

        Assert.True(File.Exists(file), $"expected {file}");
        var key = (await File.ReadAllTextAsync(file)).Trim();
        Assert.True(key.Length >= 32);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var admin = server.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/org/reload", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.CreateClient().GetAsync("/api/org")).StatusCode);
    }

    [Fact]
    public void The_log_names_the_key_file_and_the_key_s_first_characters_but_never_the_key()
    {
        _ = server.CreateClient();
        var key = File.ReadAllText(Path.Combine(server.DataPath, "admin-api-key.txt")).Trim();

        lock (server.Logs)
        {
            Assert.DoesNotContain(server.Logs, line => line.Contains(key, StringComparison.Ordinal) || line.Contains(key[8..], StringComparison.Ordinal));
            var announcement = Assert.Single(server.Logs, line => line.Contains("Generated an admin key", StringComparison.Ordinal));
            Assert.Contains(Path.Combine(server.DataPath, "admin-api-key.txt"), announcement, StringComparison.Ordinal);
            Assert.Contains($"({key[..8]}…)", announcement, StringComparison.Ordinal);
        }
    }
}
