using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagPlatform.Generation.Chat;

namespace RagPlatform.Generation;

public static class RagGenerationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="GeneratorOptions"/> (section "Generator") and, when a model path is configured, registers the
    /// local ONNX generator as the <see cref="IChatClient"/> (opened on first use). Without a model path no chat
    /// client is added and the answerer stays extractive.
    /// </summary>
    public static IServiceCollection AddRagGeneration(this IServiceCollection services, string? modelPath)
    {
        services.AddOptions<GeneratorOptions>().BindConfiguration(GeneratorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (string.IsNullOrWhiteSpace(modelPath))
        {
            return services;
        }

        services.AddSingleton(sp => LocalGenerator.Open(sp.GetRequiredService<IOptions<GeneratorOptions>>().Value));
        services.RemoveAll<IChatClient>();
        services.AddSingleton<IChatClient>(sp =>
            new OnnxChatClient(sp.GetRequiredService<LocalGenerator>(), sp.GetRequiredService<IOptions<GeneratorOptions>>().Value.MaxNewTokens));
        return services;
    }
}
