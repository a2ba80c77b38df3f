using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Generation.Chat;

namespace RagPlatform.Generation.Tests;

public sealed class ServiceRegistrationTests
{
    private static ServiceProvider Build(string? modelPath, params (string Key, string Value)[] settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        if (modelPath is not null)
        {
            values["Generator:ModelPath"] = modelPath;
        }

        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.AddRagGeneration(modelPath).BuildServiceProvider();
    }

    [Fact]
    public async Task A_configured_model_becomes_the_chat_client()
    {
        using var model = TinyModel.Create("qwen2", 93);
        using var provider = Build(model.Directory, ("Generator:ContextTokens", "128"), ("Generator:MaxNewTokens", "4"));
        var client = provider.GetRequiredService<IChatClient>();
        Assert.IsType<OnnxChatClient>(client);
        var response = await client.GetResponseAsync("w5 w6 w7");
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 4);
        Assert.Equal(128, provider.GetRequiredService<LocalGenerator>().Session.Capacity);
    }

    [Fact]
    public void Without_a_model_there_is_no_chat_client_and_bad_settings_are_refused()
    {
        using (var none = Build(null))
        {
            Assert.Null(none.GetService<IChatClient>());
        }

        using var bad = Build(null, ("Generator:Attention", "sparse"));
        Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<GeneratorOptions>>().Value);
    }
}
