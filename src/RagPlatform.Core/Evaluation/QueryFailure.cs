using System.Text.Json.Serialization;

namespace RagPlatform.Core.Evaluation;

/// <summary>A query an evaluation could not run: its id, its length and the error.</summary>
public sealed record QueryFailure(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("chars")] int Chars,
    [property: JsonPropertyName("error")] string Error);
