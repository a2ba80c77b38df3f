using System.Text.Json.Serialization;
using RagPlatform.Core.Jobs;

namespace RagPlatform.Storage.Entities;

/// <summary>Source-generated JSON for the JSON text columns (warnings, job errors, summary spans).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<FileError>))]
[JsonSerializable(typeof(IReadOnlyList<int[]>))]
internal sealed partial class StorageJson : JsonSerializerContext;
