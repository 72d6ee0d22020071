namespace Comity.Server.Web;

/// <summary>
/// The contract's and the law's codes in a clerk's words: risk flags, layers, and what a rule does.
/// Pages show these; the codes themselves stay in the folded technical details for counsel and auditors.
/// </summary>
public static class Words
{
    public static string Flag(string flag) => flag switch
    {
        "fed-1373-conflict" => "Conflicts with federal law on sharing immigration status (8 U.S.C. 1373)",
        "fed-criminal-exposure" => "Possible federal criminal exposure for staff (such as harbouring)",
        "funding-risk" => "Federal grants may be put at risk",
        "litigation-pending" => "The law here is being litigated",
        "state-enforcement-risk" => "The state may take enforcement action or impose penalties",
        "gap" => "No rule speaks to this: a gap in the law as written down",
        "over-detention" => "Held, or would be held, more than 48 hours past release (8 C.F.R. 287.7(d))",
        "fed-4a-detention-risk" => "Holding without a judge's finding of probable cause risks a Fourth Amendment claim",
        "state-preemption-conflict" => "A local rule forbids what state law protects; state law prevails",
        "counsel-question" => "An open question for counsel that does not change the answer",
        _ => flag,
    };

    /// <summary>A layer's name as a place or a body: <c>los-angeles</c> is "Los Angeles", <c>lapd</c> "LAPD".</summary>
    public static string Layer(string layer) => layer switch
    {
        "federal" => "Federal law",
        "lapd" => "LAPD",
        "apd" => "APD",
        _ => string.Join(' ', layer.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])),
    };

    /// <summary>What a rule does to the request.</summary>
    public static string Effect(string effect) => effect switch
    {
        "must" => "requires it",
        "permit" => "allows it",
        "deny" => "forbids it",
        "refer" => "leaves it to counsel",
        "floor" => "protects it from a lower rule",
        _ => effect,
    };
}

/// <summary>Small helpers for words on pages.</summary>
public static class WordExtensions
{
    /// <summary>The text with its first letter in lower case, to continue a sentence.</summary>
    public static string LowerFirst(this string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
