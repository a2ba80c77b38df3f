using System.Text.Json.Serialization;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Retrieval;

namespace RagPlatform.Storage.Entities;

/// <summary>Source-generated JSON for the JSON text columns (warnings, job errors, summary spans, answers).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<FileError>))]
[JsonSerializable(typeof(IReadOnlyList<int[]>))]
[JsonSerializable(typeof(IReadOnlyList<Guid>))]
[JsonSerializable(typeof(IReadOnlyList<Citation>))]
[JsonSerializable(typeof(IReadOnlyList<AnswerSentence>))]
[JsonSerializable(typeof(IReadOnlyList<SearchHit>))]
internal sealed partial class StorageJson : JsonSerializerContext;
