namespace Comity.Contract.Internal;

/// <summary>The standard codes <c>subject.identity</c> and <c>subject.interviewConsent</c> carry.</summary>
internal static class Codes
{
    /// <summary>
    /// A well-formed BCP 47 tag (RFC 5646, section 2.1) in its common shape: an ISO 639 language of
    /// two or three letters, then subtags of one to eight letters or digits, each after a hyphen
    /// (<c>es</c>, <c>en-US</c>, <c>zh-Hant-TW</c>, <c>es-419</c>). Well-formed, not looked up in
    /// the IANA registry: a caller's rare but valid tag is not refused; a language's name
    /// (<c>Spanish</c>) is.
    /// </summary>
    public static bool IsLanguageTag(string tag)
    {
        var parts = tag.Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter))
            return false;
        return parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    /// <summary>An officially assigned ISO 3166-1 alpha-2 code, in capitals.</summary>
    public static bool IsCountry(string code) => code.Length == 2 && Countries.Contains(code);

    // ISO 3166-1 alpha-2, the 249 officially assigned codes.
    private static readonly HashSet<string> Countries = new(
        """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
        BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
        DE DJ DK DM DO DZ
        EC EE EG EH ER ES ET
        FI FJ FK FM FO FR
        GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
        HK HM HN HR HT HU
        ID IE IL IM IN IO IQ IR IS IT
        JE JM JO JP
        KE KG KH KI KM KN KP KR KW KY KZ
        LA LB LC LI LK LR LS LT LU LV LY
        MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
        NA NC NE NF NG NI NL NO NP NR NU NZ
        OM
        PA PE PF PG PH PK PL PM PN PR PS PT PW PY
        QA
        RE RO RS RU RW
        SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
        TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
        UA UG UM US UY UZ
        VA VC VE VG VI VN VU
        WF WS
        YE YT
        ZA ZM ZW
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);
}
