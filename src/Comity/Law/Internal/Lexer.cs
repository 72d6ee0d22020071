using System.Text;

namespace Comity.Law.Internal;

internal enum TokenKind { Word, String, Comma, Open, Close }

/// <remarks>A class, not a struct: lists and LINQ over a struct of ours are JIT-compiled at every
/// start (ReadyToRun cannot precompile the framework's generics over our value types), while over
/// a class they share the framework's precompiled code; a stack has a few thousand tokens.</remarks>
internal sealed record Token(TokenKind Kind, string Text, SourceLocation At, int Width)
{
    public bool Is(string word) => Kind == TokenKind.Word && Text == word;

    public string Describe() => Kind switch
    {
        TokenKind.String => $"\"{Text}\"",
        TokenKind.Comma => "\",\"",
        TokenKind.Open => "\"(\"",
        TokenKind.Close => "\")\"",
        _ => $"\"{Text}\"",
    };
}

/// <summary>One non-blank line of a rule file: how far it is indented, and its tokens.</summary>
internal sealed record Line(int Indent, IReadOnlyList<Token> Tokens);

/// <summary>
/// Splits a rule file into lines of tokens. Words run over letters, digits and <c>-._/§</c>;
/// strings are double-quoted with <c>\"</c> and <c>\\</c> escapes; <c>#</c> starts a comment.
/// A <c>text</c> clause alone on its line starts a text block: each line below it indented deeper
/// is one string as written (a line wholly in quotes is still read as a quoted string).
/// </summary>
internal static class Lexer
{
    public static List<Line> Lex(string file, string text, List<LawError> errors)
    {
        var lines = new List<Line>();
        var number = 0;
        // Inside a text block (a "text" clause alone on its line): the indent of its keyword.
        var textBlock = -1;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            number++;
            var tokens = new List<Token>();
            var i = 0;
            while (i < raw.Length && raw[i] == ' ')
                i++;
            if (i < raw.Length && raw[i] == '\t')
            {
                errors.Add(new(new(file, number, i + 1), "indent with spaces, not tabs"));
                continue;
            }
            var indent = i;
            if (textBlock >= 0 && i < raw.Length)
            {
                var prose = raw[i..].TrimEnd();
                if (indent <= textBlock)
                    textBlock = -1;
                else if (!(prose.Length > 1 && prose[0] == '"' && prose[^1] == '"'))
                {
                    // A line of the block is prose as written: no tokens, no comments, no escapes.
                    lines.Add(new Line(indent, [new(TokenKind.String, prose, new(file, number, i + 1), prose.Length)]));
                    continue;
                }
            }
            while (i < raw.Length)
            {
                var c = raw[i];
                var at = new SourceLocation(file, number, i + 1);
                if (c == '#')
                    break;
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == ',' || c == '(' || c == ')')
                {
                    tokens.Add(new(c == ',' ? TokenKind.Comma : c == '(' ? TokenKind.Open : TokenKind.Close, c.ToString(), at, 1));
                    i++;
                }
                else if (c == '"')
                {
                    var sb = new StringBuilder();
                    i++;
                    var closed = false;
                    while (i < raw.Length)
                    {
                        if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] is '"' or '\\')
                        {
                            sb.Append(raw[i + 1]);
                            i += 2;
                        }
                        else if (raw[i] == '"')
                        {
                            closed = true;
                            i++;
                            break;
                        }
                        else
                            sb.Append(raw[i++]);
                    }
                    if (!closed)
                        errors.Add(new(at, "this string has no closing quote on its line"));
                    tokens.Add(new(TokenKind.String, sb.ToString(), at, i - (at.Column - 1)));
                }
                else if (IsWordChar(c))
                {
                    var start = i;
                    while (i < raw.Length && IsWordChar(raw[i]))
                        i++;
                    tokens.Add(new(TokenKind.Word, raw[start..i], at, i - start));
                }
                else
                {
                    errors.Add(new(at, $"unexpected character '{c}'"));
                    i++;
                }
            }
            if (tokens.Count > 0)
                lines.Add(new Line(indent, tokens));
            if (indent > 0 && tokens is [{ Kind: TokenKind.Word, Text: "text" }])
                textBlock = indent;
        }
        return lines;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' or '/' or '§';
}
