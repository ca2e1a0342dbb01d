using System.Globalization;
using System.Text;

namespace EscalationStudio.Workflows.Definitions.Files;

/// <summary>File names for policies: the definition's name in kebab-case, as Elsa's export names its files.</summary>
public static class PolicyFileName
{
    /// <summary>"Refund over cap → Manager" becomes "refund-over-cap-manager"; "VipEscalation" becomes "vip-escalation".</summary>
    public static string Kebab(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var plain = RemoveDiacritics(name.Trim());
        var result = new StringBuilder();
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                var wordBoundary = char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(plain[i - 1]) || char.IsAsciiDigit(plain[i - 1]));
                if (wordBoundary && result.Length > 0 && result[^1] != '-') result.Append('-');
                result.Append(char.ToLowerInvariant(c));
            }
            else if (result.Length > 0 && result[^1] != '-')
            {
                result.Append('-');
            }
        }
        return result.ToString().Trim('-');
    }

    public static string For(WorkflowDefinition definition)
    {
        var kebab = Kebab(definition.Name);
        return (kebab.Length > 0 ? kebab : Kebab(definition.DefinitionId) is { Length: > 0 } id ? id : "policy") + ".json";
    }

    private static string RemoveDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
        return new string(kept.ToArray()).Normalize(NormalizationForm.FormC);
    }
}
