using System.CommandLine;
using System.Globalization;
using EscalationStudio.Cli.Previews;
using EscalationStudio.Cli.Workspace;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Templates;

namespace EscalationStudio.Cli.Commands;

/// <summary>
/// <c>escalation render &lt;template&gt; --ticket &lt;file&gt;</c>: previews a template with the server's own renderer and
/// briefing model (<see cref="TemplatePreview"/>) for a ticket from the API or the export. A template that fails is
/// exit 1, with its file and line.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var template = new Argument<string>("template") { Description = "A template name (agent/escalation-briefing) or its .sbn file." };
        var ticket = new Option<string>("--ticket") { Description = "The ticket: the API's JSON (GET /api/tickets/{id}, may carry its timeline) or export lines.", Required = true };
        var id = new Option<string?>("--id") { Description = "Which ticket of an export file (default: the first)." };
        var templates = new Option<string?>("--templates") { Description = "The templates folder (default: templates/, or the one the .sbn file is in)." };
        var org = new Option<string?>("--org") { Description = "The org directory (default: workflows/org/directory.json)." };
        var at = new Option<string?>("--at") { Description = "When the briefing is made (ISO 8601; default: the ticket's last event)." };
        var approval = new Option<string?>("--approval") { Description = "For an approval request: what is asked, kind[:amount] (refund:450, credit:50, contract-change)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: file, text, or the error with its line." };
        var command = new Command("render", "Preview a template against a ticket, with the server's renderer and model.")
        {
            template, ticket, id, templates, org, at, approval, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (library, name) = Locate(result.GetValue(template)!, result.GetValue(templates));
            var history = TicketFile.Read(result.GetValue(ticket)!, result.GetValue(id));
            var directory = PolicyFolders.ReadOrg(PolicyFolders.Org(result.GetValue(org)));
            DateTimeOffset? now = null;
            if (result.GetValue(at) is { } text)
            {
                now = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : throw new UsageException($"--at '{text}' is not a time; use ISO 8601, e.g. 2026-10-01T09:00:00Z");
            }

            var asked = result.GetValue(approval) is { } wanted ? ParseApproval(wanted) : ((ApprovalKind, decimal?)?)null;
            var quiet = result.GetValue(json);
            try
            {
                var preview = await TemplatePreview.RenderAsync(library, directory, name, history, now, asked, cancellationToken);
                if (quiet)
                {
                    Terminal.WriteJson(new { template = name, file = preview.File, text = preview.Text, refused = preview.Refused });
                }
                else
                {
                    Console.Out.Write(preview.Text);
                    foreach (var refused in preview.Refused)
                    {
                        Console.Error.WriteLine($"warning: not applied to the ticket: {refused}");
                    }
                }

                return ExitCodes.Ok;
            }
            catch (TemplatePreviewException e)
            {
                if (quiet)
                {
                    Terminal.WriteJson(new { template = name, file = e.File, error = new { line = e.Line, column = e.Column, problem = e.Problem } });
                }
                else
                {
                    Console.Error.WriteLine($"escalation render: {e.File}{(e.Line is { } line ? $" line {line}, column {e.Column}" : "")}: {e.Problem}");
                    if (asked is null && e.Problem.Contains("approval", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine("escalation render: an approval request needs what is asked: --approval kind[:amount], e.g. --approval refund:450");
                    }
                }

                return ExitCodes.CheckFailed;
            }
        });
        return command;
    }

    /// <summary><c>refund:450</c>, <c>credit</c>: the kind as the API writes it, and the amount when there is one.</summary>
    private static (ApprovalKind Kind, decimal? Amount) ParseApproval(string text)
    {
        var (kindText, amountText) = text.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (text[..colon], text[(colon + 1)..]) : (text, null);
        if (!TicketText.TryParse<ApprovalKind>(kindText.Trim(), out var kind))
        {
            throw new UsageException($"--approval '{text}': '{kindText}' is not refund, credit or contract-change");
        }

        if (amountText is null)
        {
            return (kind, null);
        }

        return decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? (kind, amount)
            : throw new UsageException($"--approval '{text}': '{amountText}' is not a positive amount");
    }

    /// <summary>A name is looked up in the templates folder; a .sbn file names itself within the templates folder it lies in.</summary>
    private static (TemplateLibrary Library, string Name) Locate(string template, string? folder)
    {
        if (!template.EndsWith(TemplateLibrary.Extension, StringComparison.OrdinalIgnoreCase))
        {
            return (PolicyFolders.ReadTemplates(PolicyFolders.Templates(folder)), template);
        }

        if (!File.Exists(template))
        {
            throw new UsageException($"template {template} does not exist");
        }

        var file = Path.GetFullPath(template);
        var root = folder is not null ? Path.GetFullPath(folder) : TemplatesFolderOf(file);
        var relative = Path.GetRelativePath(root, file);
        if (relative.StartsWith("..", StringComparison.Ordinal))
        {
            throw new UsageException($"template {template} is not inside the templates folder {root}");
        }

        return (PolicyFolders.ReadTemplates(root), relative[..^TemplateLibrary.Extension.Length].Replace(Path.DirectorySeparatorChar, '/'));
    }

    /// <summary>The nearest folder named templates above the file (partials resolve from there), else the file's own.</summary>
    private static string TemplatesFolderOf(string file)
    {
        for (var folder = new FileInfo(file).Directory; folder is not null; folder = folder.Parent)
        {
            if (string.Equals(folder.Name, "templates", StringComparison.Ordinal))
            {
                return folder.FullName;
            }
        }

        return Path.GetDirectoryName(file)!;
    }
}
