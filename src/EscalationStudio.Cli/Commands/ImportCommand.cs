using System.CommandLine;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Cli.Transfers;
using EscalationStudio.Cli.Workspace;
using Spectre.Console;

namespace EscalationStudio.Cli.Commands;

/// <summary>
/// <c>escalation import &lt;file&gt; --server URL --key KEY</c>: sends an export file (the server's JSON lines, <c>.gz</c>
/// too) to <c>POST /api/tickets/import</c>, which writes its tickets and events (admins; tickets already there are left
/// alone) and counts the lines it could not use by reason.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "An export file (.jsonl or .jsonl.gz)." };
        var server = ServerConnection.ServerOption();
        var key = ServerConnection.KeyOption();
        var json = new Option<bool>("--json") { Description = "Print the server's answer as one JSON object." };
        var command = new Command("import", "Write an export file's tickets and events to a running server (POST /api/tickets/import).") { file, server, key, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"{path} does not exist");
            }

            using var client = ServerConnection.Open(result.GetValue(server), result.GetValue(key));
            var quiet = result.GetValue(json);
            var size = new FileInfo(path).Length;
            using var response = await Terminal.WithProgressAsync("Importing", quiet, size, async progress =>
            {
                await using Stream raw = File.OpenRead(path);
                await using var counted = new CountingStream(raw, progress);
                await using Stream body = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(counted, CompressionMode.Decompress) : counted;
                var content = new StreamContent(body, 1 << 16);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                return await ServerConnection.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "api/tickets/import") { Content = content }, "import", cancellationToken);
            });
            if (!response.IsSuccessStatusCode)
            {
                await ServerConnection.RefusedAsync("import", response, cancellationToken);
            }

            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            if (quiet)
            {
                Console.Out.WriteLine(answer.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
                return ExitCodes.Ok;
            }

            Terminal.Out.MarkupLine($"{(int)answer["tickets"]!:N0} tickets imported with {(long)answer["events"]!:N0} events; {(int)answer["alreadyPresent"]!:N0} already on the server");
            foreach (var (reason, count) in answer["unusable"]?.AsObject() ?? [])
            {
                Terminal.Out.MarkupLine($"  [yellow]unusable[/] {(long)count!:N0}: {Markup.Escape(reason)}");
            }

            foreach (var (reason, count) in answer["refused"]?.AsObject() ?? [])
            {
                Terminal.Out.MarkupLine($"  refused while rebuilding {(long)count!:N0}: {Markup.Escape(reason)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Tells how many bytes of the file were read, for the progress bar.</summary>
    private sealed class CountingStream(Stream inner, IProgress<long>? progress) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            _read += read;
            progress?.Report(_read);
            return read;
        }
    }
}
