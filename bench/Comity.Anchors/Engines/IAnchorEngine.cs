using System.Text.Json;

namespace Comity.Anchors.Engines;

/// <summary>
/// An engine under measurement, split where the harness times it: <see cref="Read"/> turns one
/// JSON line into the engine's input, <see cref="Decide"/> decides it, <see cref="Write"/> writes
/// the answer line. "Decide only" times <see cref="Decide"/> on inputs read beforehand; "JSON in,
/// JSON out" times all three for each line.
/// </summary>
public interface IAnchorEngine<TInput, TOutput>
{
    /// <summary>The engine and its version as the report names them.</summary>
    string Name { get; }
    string Version { get; }

    TInput Read(ReadOnlySpan<byte> line);
    TOutput Decide(TInput input);

    /// <summary><c>permit</c> or <c>deny</c>, then, for Comity, the outcome it maps from.</summary>
    string Verdict(TOutput output);

    void Write(Utf8JsonWriter writer, TInput input, TOutput output);
}
