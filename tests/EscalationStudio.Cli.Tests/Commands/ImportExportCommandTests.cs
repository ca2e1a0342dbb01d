using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary><c>escalation export</c> and <c>import</c> against the real server on 127.0.0.1.</summary>
public sealed class ImportExportCommandTests(TicketServer server) : IClassFixture<TicketServer>, IDisposable
{
    private readonly EscalationCli _cli = new();

    [Fact]
    public async Task A_history_is_imported_once_and_exported_back_event_for_event()
    {
        _cli.CopySampleRepository();
        Assert.Equal(0, (await _cli.RunAsync("history", "generate", "--out", "history.jsonl.gz", "--tickets", "25", "--days", "2", "--start", "2026-03-02T00:00:00Z")).ExitCode);
        var lines = ReadLines(Path.Combine(_cli.Folder, "history.jsonl.gz"));

        var (exitCode, output, error) = await _cli.RunAsync("import", "history.jsonl.gz", "--server", server.BaseAddress.ToString(), "--key", TicketServer.AdminKey, "--json");
        var again = await _cli.RunAsync("import", "history.jsonl.gz", "--server", server.BaseAddress.ToString(), "--key", TicketServer.AdminKey, "--json");

        Assert.True(exitCode == 0, error);
        var imported = JsonNode.Parse(output)!;
        Assert.Equal(25, (int)imported["tickets"]!);
        Assert.Equal(lines.Count, (long)imported["events"]!);
        Assert.Empty(imported["unusable"]!.AsObject());
        var second = JsonNode.Parse(again.Output)!;
        Assert.Equal(0, (int)second["tickets"]!);
        Assert.Equal(25, (int)second["alreadyPresent"]!);

        var export = await _cli.RunAsync("export", "--server", server.BaseAddress.ToString(), "--key", TicketServer.ManagerKey,
            "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z", "--out", "exported.jsonl", "--json");
        Assert.True(export.ExitCode == 0, export.Error);
        var exported = ReadLines(Path.Combine(_cli.Folder, "exported.jsonl"));
        Assert.Equal(lines.Count, (long)JsonNode.Parse(export.Output)!["events"]!);
        Assert.Equal(
            lines.Select(Comparable).Order(StringComparer.Ordinal),
            exported.Select(Comparable).Order(StringComparer.Ordinal));

        // The imported ticket is a ticket like any other: readable through the API, its state rebuilt from its events.
        var created = JsonNode.Parse(exported.First(l => l.Contains("\"type\":\"created\"", StringComparison.Ordinal)))!;
        using var manager = server.WithKey(TicketServer.ManagerKey);
        var ticket = await manager.GetFromJsonAsync<JsonObject>($"api/tickets/{(string?)created["ticketId"]}");
        Assert.Equal((string?)created["data"]!["subject"], (string?)ticket!["subject"]);
        Assert.Equal(
            DateTimeOffset.Parse((string)created["occurredAt"]!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)ticket["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Lines_that_cannot_be_used_are_counted_by_reason_and_a_key_that_may_not_import_is_refused()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "mixed.jsonl"), """
            {"ticketId":"X-1","sequence":1,"type":"created","actor":"user:gateway","occurredAt":"2026-02-02T09:00:00Z","data":{"subject":"Printer jam","tier":"tier-1"}}
            {"ticketId":"X-1","sequence":2,"type":"message-added","actor":"customer:00000000-0000-0000-0000-000000000000","occurredAt":"2026-02-02T09:01:00Z","data":{"messageKind":"customer","body":"Still jammed"}}
            not json at all
            {"ticketId":"X-2","sequence":4,"type":"message-added","actor":"agent:ana.kovac","occurredAt":"2026-02-02T09:05:00Z","data":{"messageKind":"reply","body":"Hello"}}
            {"ticketId":"X-3","sequence":1,"type":"created","actor":"user:gateway","occurredAt":"2026-02-02T09:06:00Z","data":{"subject":"Lost","tier":"no-such-tier"}}
            {"ticketId":"X-4","type":"teleported","actor":"user:gateway","occurredAt":"2026-02-02T09:07:00Z"}
            """);

        var (exitCode, output, error) = await _cli.RunAsync("import", "mixed.jsonl", "--server", server.BaseAddress.ToString(), "--key", TicketServer.AdminKey, "--json");
        var agent = await _cli.RunAsync("import", "mixed.jsonl", "--server", server.BaseAddress.ToString(), "--key", TicketServer.AgentKey);
        var nowhere = await _cli.RunAsync("export", "--server", "ftp://example", "--key", "k", "--out", "x.jsonl");

        Assert.True(exitCode == 0, error);
        var answer = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)answer["tickets"]!);
        var unusable = answer["unusable"]!.AsObject();
        Assert.Equal(1, (long)unusable["not a JSON object"]!);
        Assert.Equal(1, (long)unusable["type 'teleported' is not a ticket event"]!);
        Assert.Equal(1, (long)unusable["the ticket's created event is not in the file (export a window that includes its start)"]!);
        Assert.Contains(unusable, u => u.Key.StartsWith("created:", StringComparison.Ordinal) && u.Key.Contains("no-such-tier", StringComparison.Ordinal));
        Assert.Equal(2, agent.ExitCode);
        Assert.Contains("403", agent.Error, StringComparison.Ordinal);
        Assert.Equal(2, nowhere.ExitCode);
        Assert.Contains("--server", nowhere.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    private static List<string> ReadLines(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>An event as both files must agree on it: type, actor, time and data (the ticket's key becomes an id on import).</summary>
    private static string Comparable(string line)
    {
        var e = JsonNode.Parse(line)!;
        var data = e["data"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
        var occurredAt = DateTimeOffset.Parse((string)e["occurredAt"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        return $"{(int)e["sequence"]!} {(string?)e["type"]} {(string?)e["actor"]} {occurredAt} {string.Join(';', data)}";
    }
}
