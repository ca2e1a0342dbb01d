using System.CommandLine;
using System.IO.Compression;
using EscalationStudio.Cli.Transfers;
using EscalationStudio.Cli.Workspace;
using Spectre.Console;

namespace EscalationStudio.Cli.Commands;

/// <summary>
/// <c>escalation export --server URL --key KEY --out file [--from] [--to]</c>: streams <c>GET /api/tickets/export</c>
/// to a file (<c>.gz</c> compresses): the history <c>simulate</c> replays and <c>import</c> writes back.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var server = ServerConnection.ServerOption();
        var key = ServerConnection.KeyOption();
        var output = new Option<string>("--out") { Description = "Where to write (.jsonl, or .jsonl.gz to compress).", Required = true };
        var from = new Option<string?>("--from") { Description = "From (ISO 8601; default: 30 days before --to)." };
        var to = new Option<string?>("--to") { Description = "Until, not included (ISO 8601; default: now)." };
        var json = new Option<bool>("--json") { Description = "Print the outcome as one JSON object." };
        var command = new Command("export", "Write a running server's ticket events (GET /api/tickets/export) to a file.") { server, key, output, from, to, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var client = ServerConnection.Open(result.GetValue(server), result.GetValue(key));
            var query = string.Join('&', new[] { ("from", result.GetValue(from)), ("to", result.GetValue(to)) }
                .Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/tickets/export" + (query.Length > 0 ? "?" + query : ""));
            using var response = await ServerConnection.SendAsync(client, request, "export", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await ServerConnection.RefusedAsync("export", response, cancellationToken);
            }

            var path = result.GetValue(output)!;
            long events = 0;
            await using (Stream file = File.Create(path))
            await using (Stream target = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Optimal) : file)
            await using (var writer = new StreamWriter(target))
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                events = await Terminal.WithProgressAsync("Exporting", result.GetValue(json), async progress =>
                {
                    long lines = 0;
                    while (await reader.ReadLineAsync(cancellationToken) is { } line)
                    {
                        await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
                        if (++lines % 5_000 == 0)
                        {
                            progress?.Report(lines);
                        }
                    }

                    return lines;
                });
            }

            if (result.GetValue(json))
            {
                Terminal.WriteJson(new { file = path, events });
            }
            else
            {
                Terminal.Out.MarkupLine($"{events:N0} events written to {Markup.Escape(path)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
