namespace Comity.Law.Internal;

/// <summary>Thrown inside a clause's parse; the clause is abandoned and the error kept.</summary>
internal sealed class ParseFailure(LawError error) : Exception(error.Message)
{
    public LawError Error { get; } = error;
}

/// <summary>Reads a clause's tokens left to right, failing with "expected ... found ..." errors.</summary>
internal sealed class TokenCursor(IReadOnlyList<Token> tokens, SourceLocation end)
{
    private int _position;

    public bool AtEnd => _position >= tokens.Count;

    public Token? Peek => AtEnd ? null : tokens[_position];

    /// <summary>The token <paramref name="ahead"/> places after the next one, if there is one.</summary>
    public Token? PeekAt(int ahead) => _position + ahead < tokens.Count ? tokens[_position + ahead] : null;

    public SourceLocation Here => AtEnd ? end : tokens[_position].At;

    public Token Next(string expected)
    {
        if (AtEnd)
            throw Fail($"expected {expected}, found the end of the clause");
        return tokens[_position++];
    }

    public bool TryWord(string word)
    {
        if (Peek is { } t && t.Is(word))
        {
            _position++;
            return true;
        }
        return false;
    }

    public bool TryKind(TokenKind kind)
    {
        if (Peek is { } t && t.Kind == kind)
        {
            _position++;
            return true;
        }
        return false;
    }

    public void ExpectWord(string word, string? why = null)
    {
        var t = Next($"\"{word}\"{why}");
        if (!t.Is(word))
            throw Fail($"expected \"{word}\"{why}, found {t.Describe()}", t.At);
    }

    public Token Expect(TokenKind kind, string expected)
    {
        var t = Next(expected);
        if (t.Kind != kind)
            throw Fail($"expected {expected}, found {t.Describe()}", t.At);
        return t;
    }

    /// <summary>One or more items separated by commas.</summary>
    public List<Token> List(TokenKind kind, string expected)
    {
        var items = new List<Token> { Expect(kind, expected) };
        while (TryKind(TokenKind.Comma))
            items.Add(Expect(kind, expected));
        return items;
    }

    public void ExpectEnd(string what)
    {
        if (!AtEnd)
            throw Fail($"expected the end of {what}, found {tokens[_position].Describe()}");
    }

    public ParseFailure Fail(string message, SourceLocation? at = null, LawErrorKind kind = LawErrorKind.General) =>
        new(new LawError(at ?? Here, message) { Kind = kind });
}
