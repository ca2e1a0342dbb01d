namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>
/// What a replacement string adds per match: its literal characters, references to the match or a capture
/// (<c>$&amp;</c>, <c>$1</c>, <c>$&lt;name&gt;</c>, each taken as long as the match), and the text before or after
/// the match (<c>$`</c>, <c>$'</c>, each as long as the whole text). <see cref="ScriptSizeGuards"/> bounds a
/// replace's result with it before the result is built.
/// </summary>
internal readonly record struct ReplacementShape(int Literal, int References, int Context)
{
    public static ReplacementShape Of(string replacement)
    {
        int literal = 0, references = 0, context = 0;
        for (var i = 0; i < replacement.Length; i++)
        {
            var next = replacement[i] == '$' && i + 1 < replacement.Length ? replacement[i + 1] : '\0';
            switch (next)
            {
                case '$':
                    literal++;
                    i++;
                    break;
                case '&':
                    references++;
                    i++;
                    break;
                case '`' or '\'':
                    context++;
                    i++;
                    break;
                case >= '0' and <= '9':
                    references++;
                    i += i + 2 < replacement.Length && char.IsAsciiDigit(replacement[i + 2]) ? 2 : 1;
                    break;
                case '<' when replacement.IndexOf('>', i + 2) is var end and > 0:
                    references++;
                    i = end;
                    break;
                default:
                    literal++;
                    break;
            }
        }

        return new ReplacementShape(literal, references, context);
    }

    /// <summary>The longest result <paramref name="matches"/> matches covering <paramref name="matched"/> characters can give.</summary>
    public double Bound(double length, double matches, double matched) =>
        length - matched + matches * Literal + References * matched + Context * matches * length;

    /// <summary>The same when how much the matches cover is unknown: the bound is linear in it, so one end is the worst.</summary>
    public double WorstBound(double length, double matches) => Math.Max(Bound(length, matches, 0), Bound(length, matches, length));
}
