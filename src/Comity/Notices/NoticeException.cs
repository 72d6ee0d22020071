namespace Comity.Notices;

/// <summary>
/// A notice cannot be produced: a template file that does not read (the message names the file,
/// line and column), a notice or language the case does not call for, or a font that is missing.
/// </summary>
public sealed class NoticeException(string message, Exception? inner = null) : Exception(message, inner);
