namespace EscalationStudio.Policies.Signals;

/// <summary>
/// Word valences from -4 (hostile) to +4 (delighted), written for support conversations: words such as "refund" or
/// "cancel" lean negative here although a general-purpose lexicon would call them neutral.
/// </summary>
internal static class SentimentLexicon
{
    public static readonly IReadOnlyDictionary<string, double> Valence = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        // hostile
        ["furious"] = -4, ["outraged"] = -4, ["livid"] = -4, ["worst"] = -4, ["scam"] = -4, ["fraud"] = -4,
        ["horrendous"] = -4, ["disgrace"] = -3, ["disgusting"] = -3, ["unacceptable"] = -3, ["ridiculous"] = -3,
        ["terrible"] = -3, ["awful"] = -3, ["horrible"] = -3, ["useless"] = -3, ["pathetic"] = -3, ["incompetent"] = -3,
        ["hate"] = -3, ["nightmare"] = -3, ["dreadful"] = -3, ["lied"] = -3, ["insulting"] = -3, ["hopeless"] = -3,
        ["shameful"] = -3, ["garbage"] = -3, ["trash"] = -3, ["crap"] = -3, ["sucks"] = -3, ["stupid"] = -3,
        ["idiots"] = -3, ["unusable"] = -3, ["lawsuit"] = -3, ["sue"] = -3, ["angry"] = -3, ["stolen"] = -3,
        // unhappy
        ["frustrated"] = -2, ["frustrating"] = -2, ["annoyed"] = -2, ["annoying"] = -2, ["disappointed"] = -2,
        ["disappointing"] = -2, ["unhappy"] = -2, ["upset"] = -2, ["broken"] = -2, ["failed"] = -2, ["failure"] = -2,
        ["waste"] = -2, ["wasted"] = -2, ["worse"] = -2, ["bad"] = -2, ["poor"] = -2, ["wrong"] = -2, ["rude"] = -2,
        ["mess"] = -2, ["ignored"] = -2, ["ignoring"] = -2, ["unreliable"] = -2, ["misleading"] = -2, ["lawyer"] = -2,
        ["complaint"] = -2, ["shame"] = -2, ["joke"] = -2, ["sick"] = -2, ["damn"] = -2, ["helpless"] = -2,
        ["unresolved"] = -2, ["overcharged"] = -2, ["again"] = -0.5,
        // mildly negative in a support context
        ["refund"] = -1, ["cancel"] = -1, ["slow"] = -1, ["problem"] = -1, ["issue"] = -1, ["error"] = -1,
        ["tired"] = -1, ["waiting"] = -1, ["still"] = -0.5, ["confused"] = -1, ["urgent"] = -1,
        // positive
        ["thanks"] = 2, ["thank"] = 2, ["great"] = 3, ["excellent"] = 3, ["awesome"] = 3, ["amazing"] = 3,
        ["love"] = 3, ["perfect"] = 3, ["wonderful"] = 3, ["fantastic"] = 3, ["brilliant"] = 3, ["impressed"] = 3,
        ["delighted"] = 3, ["happy"] = 2, ["pleased"] = 2, ["glad"] = 2, ["helpful"] = 2, ["appreciate"] = 2,
        ["appreciated"] = 2, ["good"] = 2, ["nice"] = 2, ["resolved"] = 2, ["fixed"] = 2, ["solved"] = 2,
        ["satisfied"] = 2, ["kind"] = 2, ["friendly"] = 2, ["works"] = 1, ["working"] = 1, ["quick"] = 1,
        ["fast"] = 1, ["patient"] = 1, ["fine"] = 1,
    };

    public static readonly IReadOnlySet<string> Negators = new HashSet<string>(StringComparer.Ordinal)
    {
        "not", "no", "never", "nothing", "nobody", "neither", "nor", "hardly", "without", "cannot",
        "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "couldnt", "wont", "wouldnt",
        "shouldnt", "havent", "hasnt", "hadnt", "aint",
    };

    public static readonly IReadOnlyDictionary<string, double> Intensifiers = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["very"] = 1.5, ["really"] = 1.4, ["extremely"] = 1.8, ["so"] = 1.3, ["totally"] = 1.5, ["absolutely"] = 1.6,
        ["completely"] = 1.6, ["utterly"] = 1.8, ["incredibly"] = 1.6, ["beyond"] = 1.4, ["most"] = 1.3,
        ["slightly"] = 0.6, ["somewhat"] = 0.7, ["bit"] = 0.7,
    };
}
