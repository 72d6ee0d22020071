namespace Comity.Disclosure;

/// <summary>
/// What one cut did: the input and output as bytes and SHA-256 digests, rows read and written,
/// and what became of every field met in the input (in the order met).
/// </summary>
public sealed record RedactionResult
{
    public required RecordFormat Format { get; init; }
    public required long InputBytes { get; init; }
    public required string InputSha256 { get; init; }
    public required long OutputBytes { get; init; }
    public required string OutputSha256 { get; init; }

    /// <summary>Data rows in the input (not the CSV header).</summary>
    public required long RowsRead { get; init; }

    /// <summary>Data rows written: the subject's rows (all rows for bulk-disclose), when any field is kept.</summary>
    public required long RowsWritten { get; init; }

    public required IReadOnlyList<FieldDecision> Fields { get; init; }
}

/// <summary>Limits of one cut. Memory stays within a few times <see cref="MaxRecordBytes"/>, whatever the file's size.</summary>
public sealed record RedactionLimits
{
    /// <summary>The window's first size; it doubles, up to <see cref="MaxRecordBytes"/>, only for a record that does not fit.</summary>
    public int InitialBufferBytes { get; init; } = 1 << 20;

    /// <summary>The longest record (CSV record or JSON line) taken; a longer one is an error, usually an unbalanced quote.</summary>
    public int MaxRecordBytes { get; init; } = 64 << 20;

    /// <summary>JSON Lines: the most distinct field names taken across the file, so memory stays bounded.</summary>
    public int MaxDistinctFields { get; init; } = 10_000;

    public static readonly RedactionLimits Default = new();
}
