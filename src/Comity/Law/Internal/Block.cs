namespace Comity.Law.Internal;

/// <summary>
/// A block of a rule file: a head line at column 1 (<c>rule ca.7284-6.a1B</c>) and its clauses,
/// each an indented line starting with a clause keyword, plus any continuation lines indented
/// deeper than that keyword.
/// </summary>
internal sealed record Block(Token Keyword, IReadOnlyList<Token> Head, IReadOnlyList<Clause> Clauses)
{
    /// <summary>A line of the block that is no clause: reported instead of what it makes seem missing.</summary>
    public LawError? Damage { get; init; }
}

internal sealed record Clause(Token Keyword, IReadOnlyList<Token> Tokens)
{
    /// <summary>Where an error about a missing part of this clause points: just after its last token.</summary>
    public SourceLocation End
    {
        get
        {
            var last = Tokens.Count > 0 ? Tokens[^1] : Keyword;
            return last.At with { Column = last.At.Column + last.Width };
        }
    }
}

internal static class Blocks
{
    /// <summary>Groups lines into blocks; <paramref name="clauseKeywords"/> say which words start a clause.</summary>
    public static List<Block> Group(IReadOnlyList<Line> lines, Func<string, bool> isClauseKeyword, List<LawError> errors)
    {
        var blocks = new List<Block>();
        Token? keyword = null;
        IReadOnlyList<Token> head = [];
        var clauses = new List<Clause>();
        LawError? damage = null;
        Token? clauseKeyword = null;
        var clauseIndent = 0;
        var clauseTokens = new List<Token>();

        void EndClause()
        {
            if (clauseKeyword is { } k)
                clauses.Add(new Clause(k, clauseTokens));
            clauseKeyword = null;
            clauseTokens = [];
        }

        void EndBlock()
        {
            EndClause();
            if (keyword is { } k)
                blocks.Add(new Block(k, head, clauses) { Damage = damage });
            keyword = null;
            clauses = [];
            damage = null;
        }

        foreach (var line in lines)
        {
            var first = line.Tokens[0];
            if (line.Indent == 0)
            {
                EndBlock();
                keyword = first;
                head = line.Tokens.Skip(1).ToList();
            }
            else if (keyword is null)
            {
                errors.Add(new(first.At, "this indented line belongs to no block; a block starts at column 1 with rule, duty, risk or table"));
            }
            else if (first.Kind == TokenKind.Word && isClauseKeyword(first.Text))
            {
                EndClause();
                clauseKeyword = first;
                clauseIndent = line.Indent;
                clauseTokens.AddRange(line.Tokens.Skip(1));
            }
            else if (clauseKeyword is null || line.Indent <= clauseIndent)
            {
                // A continuation is indented deeper than its clause; at clause depth this is a misspelt keyword.
                EndClause();
                damage ??= new(first.At, $"expected a clause keyword, found {first.Describe()}");
            }
            else
            {
                clauseTokens.AddRange(line.Tokens);
            }
        }
        EndBlock();
        return blocks;
    }
}
