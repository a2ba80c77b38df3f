using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core;
using RagPlatform.Ingestion;
using RagPlatform.Onnx;
using RagPlatform.Search;
using RagPlatform.Storage;

namespace RagPlatform.Tests;

/// <summary>
/// The libraries' services over a data directory, wired as a host wires them but without one: Core, Storage, Search
/// and Ingestion, configured by <c>Storage:DataDirectory</c> and any further settings. Callers add what else they need.
/// </summary>
internal static class LibraryServices
{
    public static IServiceCollection Over(string data, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Storage:DataDirectory"] = data };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddRagCore()
            .AddRagStorage()
            .AddRagSearch()
            .AddRagIngestion();
    }

    /// <summary>As <see cref="Over"/>, with the small MiniLM encoder on one thread (the model the library tests embed with).</summary>
    public static IServiceCollection WithMiniLm(string data) => Over(data, new Dictionary<string, string?>
    {
        ["Embedding:Model"] = ModelSpec.MiniLmL6V2,
        ["Embedding:Threads"] = "1",
    }).AddRagOnnx();
}
