using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagPlatform.Generation.Chat;

namespace RagPlatform.Generation;

public static class RagGenerationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local ONNX generator as the <see cref="IChatClient"/> when a model path is configured
    /// (options given here override the "Generator" section). Without a model path nothing is registered and the
    /// answerer stays extractive.
    /// </summary>
    public static IServiceCollection AddRagGeneration(this IServiceCollection services, GeneratorOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            return services;
        }

        services.AddSingleton(Options.Create(options));
        services.AddSingleton(sp => LocalGenerator.Open(sp.GetRequiredService<IOptions<GeneratorOptions>>().Value));
        services.RemoveAll<IChatClient>();
        services.AddSingleton<IChatClient>(sp => new OnnxChatClient(sp.GetRequiredService<LocalGenerator>(), options.MaxNewTokens));
        return services;
    }
}
