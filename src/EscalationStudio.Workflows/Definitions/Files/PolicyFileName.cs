using System.Globalization;
using System.Text;

namespace EscalationStudio.Workflows.Definitions.Files;

/// <summary>
/// File names for policies: the definition's name in kebab-case, as Elsa's export names its files. Only ASCII letters,
/// digits and dashes, and at most <see cref="MaxStemLength"/> of them, so that any name makes a file name every file
/// system takes (255 bytes, with room for a "-2" to keep it unique and for the temporary file of an atomic write).
/// </summary>
public static class PolicyFileName
{
    public const int MaxStemLength = 100;

    /// <summary>"Refund over cap → Manager" becomes "refund-over-cap-manager"; "VipEscalation" becomes "vip-escalation".</summary>
    public static string Kebab(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var plain = RemoveDiacritics(name.Trim());
        var result = new StringBuilder();
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                var wordBoundary = char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(plain[i - 1]) || char.IsAsciiDigit(plain[i - 1]));
                if (wordBoundary && result.Length > 0 && result[^1] != '-')
                {
                    result.Append('-');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else if (result.Length > 0 && result[^1] != '-')
            {
                result.Append('-');
            }
        }
        var kebab = result.ToString().Trim('-');
        if (kebab.Length <= MaxStemLength)
        {
            return kebab;
        }

        // Cut at a word boundary when one is near the end, so the file still reads as the name's beginning.
        var cut = kebab.LastIndexOf('-', MaxStemLength);
        return kebab[..(cut > MaxStemLength / 2 ? cut : MaxStemLength)].TrimEnd('-');
    }

    public static string For(WorkflowDefinition definition)
    {
        var kebab = Kebab(definition.Name);
        return (kebab.Length > 0 ? kebab : Kebab(definition.DefinitionId) is { Length: > 0 } id ? id : "policy") + ".json";
    }

    private static string RemoveDiacritics(string text)
    {
        // Normalize refuses text with an unpaired surrogate; its non-ASCII characters are dropped anyway.
        if (JsonText.Unstorable(text) is not null)
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
        return new string(kept.ToArray()).Normalize(NormalizationForm.FormC);
    }
}
