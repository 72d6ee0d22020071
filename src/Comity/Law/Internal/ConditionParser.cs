using System.Globalization;

namespace Comity.Law.Internal;

/// <summary>
/// Parses a <c>when</c> clause. <c>and</c> and <c>or</c> may not be mixed without parentheses:
/// a lawyer reading "a and b or c" should never have to know which binds tighter.
/// </summary>
internal sealed class ConditionParser(TokenCursor cursor, bool consequences)
{
    /// <summary>
    /// How deep a condition may nest, each "(", "not" and "any" one level: far beyond any law
    /// written by hand, and shallow enough that parsing, checking and compiling a condition (all
    /// recursive) never run out of stack or time on a file made to do so.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The longest look-back window, in each unit: a century. Law counts back years, not centuries
    /// (7282.5's windows are 5 and 15 years), and with receivedAt no earlier than 1900
    /// (<see cref="Contract.ContractYears"/>) a window's first day is always on the calendar.
    /// </summary>
    public static readonly IReadOnlyDictionary<WindowUnit, int> MaxWindow = new Dictionary<WindowUnit, int>
    {
        [WindowUnit.Years] = 100, [WindowUnit.Months] = 1200, [WindowUnit.Days] = 36525,
    };

    private RecordKind? _inside;
    private int _depth;

    public Condition ParseWhole()
    {
        var condition = ParseJunction();
        cursor.ExpectEnd("the condition (to combine tests, join them with \"and\" or \"or\")");
        return condition;
    }

    private Condition ParseJunction()
    {
        var at = cursor.Here;
        var first = ParseUnary();
        string? joiner = null;
        var parts = new List<Condition> { first };
        while (cursor.Peek is { } t && (t.Is("and") || t.Is("or")))
        {
            if (joiner is not null && t.Text != joiner)
                throw cursor.Fail($"\"{joiner}\" and \"{t.Text}\" are mixed here: add parentheses to say which is meant");
            joiner = t.Text;
            cursor.Next("and/or");
            parts.Add(ParseUnary());
        }
        return joiner switch
        {
            null => first,
            "and" => new AllOf(parts, at),
            _ => new AnyOf(parts, at),
        };
    }

    private Condition ParseUnary()
    {
        var at = cursor.Here;
        if (++_depth > MaxDepth)
            throw cursor.Fail($"the condition nests more than {MaxDepth} levels deep here (each \"(\", \"not\" and \"any\" is a level): split it into rules a reader can follow");
        try
        {
            if (cursor.TryWord("not"))
                return new Not(ParseUnary(), at);
            return ParsePrimary();
        }
        finally
        {
            _depth--;
        }
    }

    private Condition ParsePrimary()
    {
        var at = cursor.Here;
        if (cursor.TryKind(TokenKind.Open))
        {
            var inner = ParseJunction();
            cursor.Expect(TokenKind.Close, "\")\" to close the parenthesis");
            return inner;
        }
        var word = cursor.Expect(TokenKind.Word, "a test such as \"act is hold\" or \"subject.inCustody\"");
        switch (word.Text)
        {
            case "always":
                return new Always(at);
            case "any":
                return ParseAny(at);
            case "class":
                RequireRecord(word, "class");
                return new HasClass(cursor.Expect(TokenKind.Word, "an offence class or table id").Text, at);
            case "code":
                RequireRecord(word, "code");
                cursor.ExpectWord("is");
                if (cursor.TryWord("one"))
                    cursor.ExpectWord("of");
                return new CodeIs(cursor.List(TokenKind.String, "an offence code in quotes, such as \"PC 211\"").Select(t => t.Text).ToList(), at);
            case "within":
                return ParseWithin(word, at);
            case "dated":
                return ParseDated(word, at);
        }
        return ParseFact(word, at);
    }

    private Condition ParseAny(SourceLocation at)
    {
        if (_inside is not null)
            throw cursor.Fail("\"any\" cannot be nested inside another \"any\"", at);
        var what = cursor.Expect(TokenKind.Word, "\"conviction\" or \"probable-cause-charge\"");
        _inside = what.Text switch
        {
            "conviction" => RecordKind.Conviction,
            "probable-cause-charge" => RecordKind.ProbableCauseCharge,
            _ => throw cursor.Fail($"expected \"conviction\" or \"probable-cause-charge\" after \"any\", found {what.Describe()}", what.At),
        };
        cursor.Expect(TokenKind.Open, "\"(\" and the test each record must pass");
        var where = ParseJunction();
        cursor.Expect(TokenKind.Close, "\")\" to close \"any\"");
        var kind = _inside.Value;
        _inside = null;
        return new Exists(kind, where, at);
    }

    private Within ParseWithin(Token word, SourceLocation at)
    {
        RequireRecord(word, "within", conviction: true);
        var number = cursor.Expect(TokenKind.Word, "a whole number of years, months or days");
        if (!int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            throw cursor.Fail($"expected a whole number above zero, found {number.Describe()}", number.At);
        var unit = cursor.Expect(TokenKind.Word, "\"years\", \"months\" or \"days\"");
        var window = unit.Text switch
        {
            "years" or "year" => new Within(amount, WindowUnit.Years, at),
            "months" or "month" => new Within(amount, WindowUnit.Months, at),
            "days" or "day" => new Within(amount, WindowUnit.Days, at),
            _ => throw cursor.Fail($"expected \"years\", \"months\" or \"days\", found {unit.Describe()}", unit.At),
        };
        if (amount > MaxWindow[window.Unit])
            throw cursor.Fail($"a look-back window reaches back at most a century ({MaxWindow[window.Unit]} {window.Unit.ToString().ToLowerInvariant()}); found {amount}", number.At);
        return window;
    }

    private Dated ParseDated(Token word, SourceLocation at)
    {
        RequireRecord(word, "dated", conviction: true);
        var direction = cursor.Expect(TokenKind.Word, "\"before\" or \"from\"");
        if (!direction.Is("before") && !direction.Is("from"))
            throw cursor.Fail($"expected \"before\" or \"from\", found {direction.Describe()}", direction.At);
        return new Dated(direction.Is("before"), Dates.Parse(cursor), at);
    }

    private Condition ParseFact(Token word, SourceLocation at)
    {
        // A word that is no fact and is not tested ("X is ...") names a definition, resolved once
        // the whole stack is read; a misspelt one is refused then, where it is used.
        if (Facts.Find(word.Text) is null && !(cursor.Peek is { } next && next.Is("is")))
            return new Defined(word.Text, _inside is not null, at);
        var fact = Facts.Find(word.Text)
            ?? throw cursor.Fail($"unknown fact {word.Describe()}; expected one of {string.Join(", ", Facts.All.Where(Visible).Select(f => f.Name))}", word.At, LawErrorKind.UnknownFact);
        if (!Visible(fact))
            throw cursor.Fail(fact.Scope == FactScope.Consequence
                ? $"\"{fact.Name}\" can be tested only in a duty or a risk, once the outcome is decided"
                : $"\"{fact.Name}\" is a fact of a conviction: test it inside \"any conviction (...)\"", word.At);
        if (IsGivenTest() is { } notGiven)
        {
            cursor.ExpectWord("is");
            if (notGiven)
                cursor.ExpectWord("not");
            var given = cursor.Next("given");
            if (!fact.CanBeUnknown)
                throw cursor.Fail($"{fact.Name} always has a value (the contract gives it one when a request leaves it out): \"is given\" tests only the facts a request may leave out ({string.Join(", ", Facts.All.Where(f => f.CanBeUnknown && Visible(f)).Select(f => f.Name))})", given.At);
            Condition test0 = new IsGiven(fact, at);
            return notGiven ? new Not(test0, at) : test0;
        }
        if (fact.Type == FactType.Boolean)
            return new IsTrue(fact, at);
        cursor.ExpectWord("is", $" after {fact.Name}");
        var negate = cursor.TryWord("not");
        List<Token> values;
        if (cursor.TryWord("one"))
        {
            cursor.ExpectWord("of");
            values = cursor.List(TokenKind.Word, $"a value of {fact.Name}");
        }
        else
            values = [cursor.Expect(TokenKind.Word, $"a value of {fact.Name}")];
        if (fact.Type == FactType.Enumerated)
            foreach (var v in values.Where(v => !fact.Values.Contains(v.Text)))
                throw cursor.Fail($"{v.Describe()} is not a value of {fact.Name}; expected one of {string.Join(", ", fact.Values)}", v.At, LawErrorKind.UnknownValue);
        // A list closes before "or" (and "and"): "one of A, B or C" is never a list of three. Where
        // what follows "or" is a value of the same fact, the writer meant a list: say so.
        if (cursor.Peek is { } joiner && (joiner.Is("or") || joiner.Is("and")) && cursor.PeekAt(1) is { Kind: TokenKind.Word } after
            && fact.Values.Contains(after.Text) && !(cursor.PeekAt(2) is { } then && then.Is("is")))
            throw cursor.Fail($"a \"one of\" list ends before \"{joiner.Text}\": to add {after.Describe()} to the list, separate it with a comma (\"{fact.Name} is one of {string.Join(", ", values.Select(v => v.Text))}, {after.Text}\")", joiner.At);
        Condition test = new IsOneOf(fact, values.Select(v => v.Text).ToList(), at);
        return negate ? new Not(test, at) : test;
    }

    /// <summary>Whether "is given" (false) or "is not given" (true) follows the fact; null when neither does.</summary>
    private bool? IsGivenTest()
    {
        if (cursor.Peek is not { } first || !first.Is("is"))
            return null;
        if (cursor.PeekAt(1) is { } second && second.Is("given"))
            return false;
        if (cursor.PeekAt(1) is { } not && not.Is("not") && cursor.PeekAt(2) is { } third && third.Is("given"))
            return true;
        return null;
    }

    private bool Visible(Fact fact) => fact.Scope switch
    {
        FactScope.Request => true,
        FactScope.Consequence => consequences,
        _ => _inside == RecordKind.Conviction,
    };

    private void RequireRecord(Token word, string test, bool conviction = false)
    {
        if (_inside is null || (conviction && _inside != RecordKind.Conviction))
            throw cursor.Fail(conviction
                ? $"\"{test}\" tests a conviction: use it inside \"any conviction (...)\""
                : $"\"{test}\" tests an offence: use it inside \"any conviction (...)\" or \"any probable-cause-charge (...)\"", word.At);
    }
}

internal static class Dates
{
    public static DateOnly Parse(TokenCursor cursor)
    {
        var t = cursor.Expect(TokenKind.Word, "a date as YYYY-MM-DD");
        if (t.Text.Length == 10 && DateOnly.TryParseExact(t.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        throw cursor.Fail($"expected a date as YYYY-MM-DD, found {t.Describe()}", t.At);
    }
}
