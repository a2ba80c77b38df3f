using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Generation.Tests;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.Web.Tests.Generation;

/// <summary>
/// The real web host on Kestrel (127.0.0.1, a free port) with a tiny random Llama-family checkpoint as its local
/// generator (CPU, float32), so its OpenAI-compatible /v1 routes are reached over loopback like any OpenAI client
/// reaches them. A second host requires API keys. Each has its own checkpoint folder and data directory.
/// </summary>
public sealed class LocalModelServer : IAsyncLifetime
{
    public const string ReaderKey = "reader-key-not-a-secret";
    public const int ContextTokens = 256;
    public const int MaxNewTokens = 24;

    private TinyModel _model = null!;
    private TinyModel _keyedModel = null!;

    public RagWebFactory Factory { get; private set; } = null!;

    public RagWebFactory Keyed { get; private set; } = null!;

    /// <summary>The host's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Uri KeyedBaseUrl { get; private set; } = null!;

    /// <summary>The id clients name: the checkpoint folder's name.</summary>
    public string ModelId => Path.GetFileName(_model.Directory);

    public string KeyedModelId => Path.GetFileName(_keyedModel.Directory);

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _model = TinyModel.Create("llama", seed: 11);
        _keyedModel = TinyModel.Create("llama", seed: 12);
        (Factory, BaseUrl) = Start(_model, []);
        (Keyed, KeyedBaseUrl) = Start(_keyedModel, [("Auth:Keys:0:Key", ReaderKey), ("Auth:Keys:0:Role", "reader")]);
        Client = new HttpClient { BaseAddress = BaseUrl };
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Keyed.DisposeAsync();
        _model.Dispose();
        _keyedModel.Dispose();
    }

    private static (RagWebFactory Factory, Uri BaseUrl) Start(TinyModel model, (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Generator:ModelPath"] = model.Directory,
            ["Generator:Device"] = "cpu",
            ["Generator:ContextTokens"] = ContextTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Generator:MaxNewTokens"] = MaxNewTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Generator:PrefillBlock"] = "16",
            ["Tree:Enabled"] = "false",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var factory = new RagWebFactory(settings);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (factory, new Uri(address.TrimEnd('/') + "/"));
    }
}
