using System.Text.Json.Serialization;

namespace Comity.Cases.Internal;

/// <summary>Source-generated JSON for the small values the case database keeps as JSON text.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class CasesJson : JsonSerializerContext;
