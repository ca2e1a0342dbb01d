using EscalationStudio.Policies.Signals;

namespace EscalationStudio.Policies.Tests.Signals;

public sealed class KeywordMatcherTests
{
    private readonly KeywordMatcher _matcher = KeywordMatcher.Parse("""
        # money and law
        refund
        cancel*
        legal action, chargeback
        speak to a lawyer
        """);

    [Fact]
    public void Parse_reads_lines_and_commas_and_skips_comments() =>
        Assert.Equal(["refund", "cancel*", "legal action", "chargeback", "speak to a lawyer"], _matcher.Keywords);

    [Fact]
    public void Match_finds_words_in_any_case()
    {
        var match = Assert.Single(_matcher.Match("REFUND please", null));
        Assert.Equal(new KeywordMatch("refund", TicketTextField.Subject, "REFUND", 0), match);
    }

    [Fact]
    public void Match_respects_word_boundaries() =>
        Assert.Empty(_matcher.Match("Refundable deposit", "nonrefund policy"));

    [Fact]
    public void Match_star_keyword_matches_words_starting_with_it()
    {
        var matches = _matcher.Match(null, "I want a cancellation, or I cancel everything.");
        Assert.Equal(["cancellation", "cancel"], matches.Select(m => m.MatchedText).ToArray());
        Assert.All(matches, m => Assert.Equal("cancel*", m.Keyword));
    }

    [Fact]
    public void Match_phrase_allows_any_whitespace_between_words()
    {
        var match = Assert.Single(_matcher.Match(null, "We will take LEGAL\n   action."));
        Assert.Equal("legal action", match.Keyword);
        Assert.Equal(TicketTextField.Body, match.Field);
    }

    [Fact]
    public void Match_reports_subject_before_body_and_each_in_reading_order()
    {
        var matches = _matcher.Match("Chargeback coming", "I need to speak to a lawyer about a refund");
        Assert.Equal(["chargeback", "speak to a lawyer", "refund"], matches.Select(m => m.Keyword).ToArray());
    }

    [Fact]
    public void Match_keywords_with_regex_characters_are_literal()
    {
        var matcher = KeywordMatcher.Create(["c++", "(urgent)"]);
        Assert.Equal(2, matcher.Match("(urgent) c++ crash", null).Count);
        Assert.Empty(matcher.Match("cc urgent", null));
    }

    [Fact]
    public void Match_non_latin_words_use_unicode_boundaries()
    {
        var matcher = KeywordMatcher.Create(["kündigung", "rückerstattung"]);
        Assert.Single(matcher.Match("Fristlose KÜNDIGUNG", null));
        Assert.Empty(matcher.Match("Kündigungsfrist", null));
    }

    [Fact]
    public void Parse_empty_list_matches_nothing() =>
        Assert.Empty(KeywordMatcher.Parse("  \n# nothing\n *").Match("refund", "refund"));
}
