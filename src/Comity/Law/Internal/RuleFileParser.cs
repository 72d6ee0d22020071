using Comity.Contract;

namespace Comity.Law.Internal;

/// <summary>Turns the blocks of one layer's rule file into provisions and offence tables.</summary>
internal sealed class RuleFileParser(string layer, List<LawError> errors)
{
    private static readonly HashSet<string> ClauseKeywords =
        ["cites", "source", "effective", "binds", "exception", "conflicts", "when", "effect", "on", "flags", "text", "title", "codes", "includes"];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["rule"] = ["cites", "source", "effective", "binds", "exception", "conflicts", "when", "effect", "on", "flags", "text"],
        ["duty"] = ["cites", "source", "effective", "binds", "when", "flags", "text"],
        ["risk"] = ["cites", "source", "effective", "binds", "when", "flags", "text"],
        ["table"] = ["title", "cites", "source", "codes", "includes", "text"],
        ["definition"] = ["cites", "text", "when"],
    };

    public List<Provision> Provisions { get; } = [];
    public List<OffenceTable> Tables { get; } = [];
    public List<Definition> Definitions { get; } = [];

    public void Parse(string file, string text)
    {
        var lines = Lexer.Lex(file, text, errors);
        foreach (var block in Blocks.Group(lines, ClauseKeywords.Contains, errors))
        {
            try
            {
                ParseBlock(block);
            }
            catch (ParseFailure failure)
            {
                errors.Add(block.Head is [{ Kind: TokenKind.Word } head, ..] ? failure.Error with { Provision = head.Text } : failure.Error);
            }
        }
    }

    private void ParseBlock(Block block)
    {
        if (block.Damage is { } damage)
            throw new ParseFailure(damage);
        var keyword = block.Keyword;
        if (keyword.Kind != TokenKind.Word || !Allowed.TryGetValue(keyword.Text, out var allowed))
            throw Fail(keyword.At, $"expected \"rule\", \"duty\", \"risk\", \"table\" or \"definition\" at the start of a block, found {keyword.Describe()}");
        if (block.Head.Count != 1 || block.Head[0].Kind != TokenKind.Word)
            throw Fail(block.Head.Count > 0 ? block.Head[0].At : keyword.At with { Column = keyword.At.Column + keyword.Text.Length + 1 },
                $"expected one id after \"{keyword.Text}\", such as ca.7284-6.a1B");
        var id = block.Head[0].Text;
        var clauses = new Dictionary<string, List<Clause>>();
        foreach (var clause in block.Clauses)
        {
            if (!allowed.Contains(clause.Keyword.Text))
                throw Fail(clause.Keyword.At, $"a {keyword.Text} has no \"{clause.Keyword.Text}\" clause; expected one of {string.Join(", ", allowed)}");
            if (!clauses.TryGetValue(clause.Keyword.Text, out var list))
                clauses[clause.Keyword.Text] = list = [];
            list.Add(clause);
        }
        var reader = new ClauseReader(keyword, id, clauses);
        if (keyword.Text == "table")
            Tables.Add(ParseTable(reader, keyword.At));
        else if (keyword.Text == "definition")
            Definitions.Add(ParseDefinition(reader, keyword.At));
        else
            Provisions.Add(ParseProvision(reader, keyword));
    }

    private Provision ParseProvision(ClauseReader r, Token keyword)
    {
        var kind = keyword.Text switch { "rule" => ProvisionKind.Rule, "duty" => ProvisionKind.Duty, _ => ProvisionKind.Risk };
        var when = r.One("when", "the condition under which it applies (or \"when always\")");
        var condition = new ConditionParser(new TokenCursor(when.Tokens, when.End), consequences: kind != ProvisionKind.Rule).ParseWhole();
        Effect? effect = null;
        IReadOnlyList<Effect> range = [];
        FloorConflict? onConflict = null;
        if (kind == ProvisionKind.Rule)
        {
            var c = r.One("effect", "its effect: must, permit, deny, refer or floor");
            var cursor = new TokenCursor(c.Tokens, c.End);
            var word = cursor.Expect(TokenKind.Word, "must, permit, deny, refer or floor");
            if (!Vocabularies.Effects.TryParse(word.Text, out var e))
                throw Fail(word.At, $"expected must, permit, deny, refer or floor, found {word.Describe()}");
            if (e == Effect.Refer)
                range = ReferRange(cursor, word);
            if (e == Effect.Floor && cursor.TryWord("on"))
                onConflict = OnConflict(cursor);
            cursor.ExpectEnd(e switch
            {
                Effect.Refer => "the effect (a refer may name its range: \"refer between permit, deny\")",
                Effect.Floor => "the effect (a floor may name its conflict: \"floor on conflict refer flags fed-1373-conflict\")",
                _ => "the effect",
            });
            effect = e;
            if (r.Optional("on") is { } on)
            {
                if (e != Effect.Floor)
                    throw Fail(on.Keyword.At, $"only a floor names what a conflict with it becomes; {r.Id} has effect {word.Text}");
                if (onConflict is not null)
                    throw Fail(on.Keyword.At, $"{r.Id} names its conflict twice");
                var onCursor = new TokenCursor(on.Tokens, on.End);
                onConflict = OnConflict(onCursor);
                onCursor.ExpectEnd("the conflict clause");
            }
            if (e == Effect.Floor)
                onConflict ??= FloorConflict.Default;
        }
        var flags = r.Optional("flags") is { } f ? ParseFlags(f) : [];
        if (kind == ProvisionKind.Risk && flags.Length == 0)
            throw Fail(keyword.At, "a risk must name the flags it raises in a \"flags\" clause");
        var source = r.Source();
        var text = r.Text(required: kind != ProvisionKind.Risk);
        if (source == SourceGrade.Secondary && !text.Contains("secondary", StringComparison.OrdinalIgnoreCase))
            throw Fail(keyword.At, "a secondary provision must say in its text that it rests on secondary sources (use the word \"secondary\")");
        if (source == SourceGrade.Unconfirmed && !text.Contains("unconfirmed", StringComparison.OrdinalIgnoreCase))
            throw Fail(keyword.At, "an unconfirmed provision must say in its text that its source was not seen (use the word \"unconfirmed\")");
        return new Provision
        {
            Kind = kind, Id = r.Id, Layer = layer, Citations = r.Citations(), Source = source, Period = r.Period(),
            Binds = r.Binds(), When = condition, Effect = effect, Range = range, OnConflict = onConflict, ExceptionTo = r.Ids("exception", "to"), ConflictsWith = r.Ids("conflicts", "with"), Flags = flags,
            Text = text, At = keyword.At,
        };
    }

    /// <summary><c>definition NAME</c>: citations, an optional text, and the condition it names.</summary>
    private Definition ParseDefinition(ClauseReader r, SourceLocation at)
    {
        if (Facts.Find(r.Id) is not null || r.Id is "always" or "any" or "class" or "code" or "within" or "dated" or "not" or "and" or "or")
            throw Fail(at, $"\"{r.Id}\" is a word of the law language; a definition needs a name of its own");
        var when = r.One("when", "the condition it names");
        var condition = new ConditionParser(new TokenCursor(when.Tokens, when.End), consequences: false).ParseWhole();
        return new Definition(r.Id, layer, r.Citations(), r.Text(required: false), condition, at);
    }

    /// <summary>
    /// After <c>refer</c>: <c>between permit, deny</c> (two or three of must, permit, deny), or
    /// nothing, which means all three.
    /// </summary>
    private static Effect[] ReferRange(TokenCursor cursor, Token refer)
    {
        if (!cursor.TryWord("between"))
            return [Effect.Must, Effect.Permit, Effect.Deny];
        var named = new List<Effect>();
        foreach (var t in cursor.List(TokenKind.Word, "an outcome counsel may choose: must, permit or deny"))
        {
            if (t.Text is not ("must" or "permit" or "deny") || !Vocabularies.Effects.TryParse(t.Text, out var e))
                throw Fail(t.At, $"expected must, permit or deny among the outcomes a refer names, found {t.Describe()}", LawErrorKind.UnknownValue);
            if (named.Contains(e))
                throw Fail(t.At, $"{t.Describe()} is named twice in the refer's range");
            named.Add(e);
        }
        if (named.Count < 2)
            throw Fail(refer.At, "a refer names at least two outcomes counsel must choose between (\"refer between permit, deny\"); with one, write that effect");
        return [.. named.Order()];
    }

    /// <summary>After <c>on</c>: <c>conflict refer flags X, ...</c> or <c>conflict preempt flags X, ...</c>.</summary>
    private static FloorConflict OnConflict(TokenCursor cursor)
    {
        cursor.ExpectWord("conflict", " (\"on conflict refer flags FLAG\" or \"on conflict preempt flags FLAG\")");
        var mode = cursor.Expect(TokenKind.Word, "\"refer\" or \"preempt\"");
        if (!mode.Is("refer") && !mode.Is("preempt"))
            throw Fail(mode.At, $"expected \"refer\" (the conflict is contested: counsel decides) or \"preempt\" (higher law voids the lower rule), found {mode.Describe()}");
        cursor.ExpectWord("flags", " and the flags the conflict raises");
        return new FloorConflict(mode.Is("preempt"), FlagList(cursor));
    }

    private static OffenceTable ParseTable(ClauseReader r, SourceLocation at)
    {
        var codes = new List<string>();
        var dated = new List<DatedCodes>();
        foreach (var c in r.All("codes"))
        {
            var cursor = new TokenCursor(c.Tokens, c.End);
            var list = cursor.List(TokenKind.String, "offence codes in quotes, separated by commas").Select(t => t.Text).ToList();
            if (cursor.TryWord("effective"))
                dated.Add(new DatedCodes(list, CodesPeriod(cursor), c.Keyword.At));
            else
                codes.AddRange(list);
            cursor.ExpectEnd("the codes (a period may follow them: effective from YYYY-MM-DD [until YYYY-MM-DD])");
        }
        var includes = r.All("includes").SelectMany(c =>
        {
            var cursor = new TokenCursor(c.Tokens, c.End);
            var list = cursor.List(TokenKind.Word, "table ids separated by commas");
            cursor.ExpectEnd("the included tables");
            return list.Select(t => t.Text);
        }).ToList();
        if (codes.Count == 0 && dated.Count == 0 && includes.Count == 0)
            throw new ParseFailure(new(at, "a table needs \"codes\" or \"includes\""));
        return new OffenceTable
        {
            Id = r.Id, Title = r.String("title"), Citations = r.Citations(), Source = r.Source(), Codes = codes, Dated = dated,
            Includes = includes, Text = r.Text(required: false), At = at,
        };
    }

    /// <summary>After <c>codes ... effective</c>: <c>from YYYY-MM-DD [until YYYY-MM-DD]</c>, as a rule's period.</summary>
    private static EffectivePeriod CodesPeriod(TokenCursor cursor)
    {
        cursor.ExpectWord("from", " (the codes' period: effective from YYYY-MM-DD [until YYYY-MM-DD])");
        var from = Dates.Parse(cursor);
        DateOnly? until = null;
        if (cursor.TryWord("until"))
        {
            var at = cursor.Here;
            until = Dates.Parse(cursor);
            if (until <= from)
                throw Fail(at, $"\"until\" must come after \"from\" ({from:yyyy-MM-dd}); until is the first day the codes are no longer in the table");
        }
        return new EffectivePeriod(from, until);
    }

    // Flags and actor kinds go into arrays, not lists: the framework's List over our enums would be
    // JIT-compiled at every start (ReadyToRun cannot precompile it), arrays need no code of their own.
    private static Flag[] ParseFlags(Clause clause)
    {
        var cursor = new TokenCursor(clause.Tokens, clause.End);
        var flags = FlagList(cursor);
        cursor.ExpectEnd("the flags");
        return flags;
    }

    private static Flag[] FlagList(TokenCursor cursor)
    {
        var tokens = cursor.List(TokenKind.Word, $"flags: {Vocabularies.Flags.Expected}");
        var flags = new Flag[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (!Vocabularies.Flags.TryParse(t.Text, out flags[i]))
                throw Fail(t.At, $"{t.Describe()} is not a flag; expected {Vocabularies.Flags.Expected}", LawErrorKind.UnknownValue);
        }
        return flags;
    }

    private static ParseFailure Fail(SourceLocation at, string message, LawErrorKind kind = LawErrorKind.General) =>
        new(new LawError(at, message) { Kind = kind });

    /// <summary>Reads the clauses of one block, each at most once unless it may repeat.</summary>
    private sealed class ClauseReader(Token keyword, string id, Dictionary<string, List<Clause>> clauses)
    {
        public string Id => id;

        public IReadOnlyList<Clause> All(string name) => clauses.GetValueOrDefault(name) ?? [];

        public Clause? Optional(string name)
        {
            var list = All(name);
            if (list.Count > 1)
                throw Fail(list[1].Keyword.At, $"\"{name}\" is given twice for {keyword.Text} {id}");
            return list.Count == 1 ? list[0] : null;
        }

        public Clause One(string name, string what) =>
            Optional(name) ?? throw Fail(keyword.At, $"{keyword.Text} {id} has no \"{name}\" clause: give {what}");

        public string String(string name)
        {
            var c = One(name, $"a {name} in quotes");
            var cursor = new TokenCursor(c.Tokens, c.End);
            var parts = cursor.List(TokenKind.String, $"the {name} in quotes");
            return string.Join(" ", parts.Select(p => p.Text));
        }

        public string Text(bool required)
        {
            if (!required && Optional("text") is null)
                return "";
            var c = One("text", "its plain-language text in quotes");
            var bad = c.Tokens.FirstOrDefault(t => t.Kind != TokenKind.String);
            if (c.Tokens.Count == 0 || bad != default)
                throw Fail(bad != default ? bad.At : c.End, "expected the text as one or more quoted strings (one per line), or \"text\" alone on its line with the text indented below it");
            return string.Join(" ", c.Tokens.Select(t => t.Text));
        }

        public List<string> Citations()
        {
            var all = All("cites");
            if (all.Count == 0)
                throw Fail(keyword.At, $"{keyword.Text} {id} has no \"cites\" clause: every provision cites what it rests on", LawErrorKind.MissingCitation);
            return all.SelectMany(c =>
            {
                var cursor = new TokenCursor(c.Tokens, c.End);
                var list = cursor.List(TokenKind.String, "citations in quotes, such as \"Cal. Gov. Code § 7284.6(a)(1)(B)\"");
                cursor.ExpectEnd("the citations");
                return list.Select(t => t.Text);
            }).ToList();
        }

        public SourceGrade Source()
        {
            var c = One("source", "its source grade: primary, secondary or unconfirmed");
            var cursor = new TokenCursor(c.Tokens, c.End);
            var t = cursor.Expect(TokenKind.Word, "primary, secondary or unconfirmed");
            if (!Vocabularies.SourceGrades.TryParse(t.Text, out var grade))
                throw Fail(t.At, $"expected primary, secondary or unconfirmed, found {t.Describe()}");
            cursor.ExpectEnd("the source grade");
            return grade;
        }

        public EffectivePeriod Period()
        {
            var c = One("effective", "when it is in force: effective from YYYY-MM-DD [until YYYY-MM-DD]");
            var cursor = new TokenCursor(c.Tokens, c.End);
            cursor.ExpectWord("from");
            var from = Dates.Parse(cursor);
            DateOnly? until = null;
            if (cursor.TryWord("until"))
            {
                var at = cursor.Here;
                until = Dates.Parse(cursor);
                if (until <= from)
                    throw Fail(at, $"\"until\" must come after \"from\" ({from:yyyy-MM-dd}); until is the first day no longer in force");
            }
            cursor.ExpectEnd("the effective period");
            return new EffectivePeriod(from, until);
        }

        public Binding Binds()
        {
            var c = One("binds", "the units it binds: binds all, or kinds such as law-enforcement, jail, or unit ids as unit lapd");
            var cursor = new TokenCursor(c.Tokens, c.End);
            if (cursor.TryWord("all"))
            {
                cursor.ExpectEnd("\"binds all\"");
                return Binding.Everyone;
            }
            var kinds = new ActorKind[c.Tokens.Count];
            var kindCount = 0;
            var units = new List<string>();
            do
            {
                if (cursor.TryWord("unit"))
                {
                    units.Add(cursor.Expect(TokenKind.Word, "a unit id").Text);
                    continue;
                }
                var t = cursor.Expect(TokenKind.Word, $"an actor kind ({Vocabularies.ActorKinds.Expected}) or \"unit ID\"");
                if (!Vocabularies.ActorKinds.TryParse(t.Text, out kinds[kindCount++]))
                    throw Fail(t.At, $"{t.Describe()} is not an actor kind; expected {Vocabularies.ActorKinds.Expected}, or \"unit ID\"", LawErrorKind.UnknownValue);
            } while (cursor.TryKind(TokenKind.Comma));
            cursor.ExpectEnd("the binding");
            var exact = new ActorKind[kindCount];
            Array.Copy(kinds, exact, kindCount);
            return new Binding(false, exact, units);
        }

        /// <summary><c>exception to ID, ...</c> or <c>conflicts with ID, ...</c>: rule ids after a clause keyword and its word.</summary>
        public List<string> Ids(string clause, string word)
        {
            if (Optional(clause) is not { } c)
                return [];
            var cursor = new TokenCursor(c.Tokens, c.End);
            cursor.ExpectWord(word, $" (\"{clause} {word} RULE-ID, ...\")");
            var ids = cursor.List(TokenKind.Word, $"the ids of the rules this {clause} {word}");
            cursor.ExpectEnd($"the {clause} clause");
            return ids.Select(t => t.Text).ToList();
        }
    }
}
