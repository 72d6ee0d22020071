namespace Comity.Disclosure.Internal;

/// <summary>What a format's redactor reports: rows read and written, and every field met, in order.</summary>
internal sealed record RedactedRows(long Read, long Written, IReadOnlyList<FieldDecision> Fields);
