using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering;
using RagPlatform.Generation.Endpoint;

namespace RagPlatform.Generation;

public static class RagChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers the chat model the answerer (and abstractive trees) use, from configuration: the local ONNX generator
    /// when <c>Generator:ModelPath</c> is set (<see cref="RagGenerationServiceCollectionExtensions.AddRagGeneration"/>),
    /// and an OpenAI-compatible endpoint when <c>Chat:Endpoint</c> is set. With both, the endpoint is the
    /// <see cref="IChatClient"/> unless <c>Answer:Generator</c> is <c>onnx</c>. With neither, no client is registered
    /// and nothing calls the network. Binds and validates <see cref="ChatEndpointOptions"/> (section "Chat") at start.
    /// </summary>
    public static IServiceCollection AddRagChat(this IServiceCollection services, IConfiguration configuration)
    {
        var modelPath = configuration[$"{GeneratorOptions.SectionName}:{nameof(GeneratorOptions.ModelPath)}"];
        services.AddRagGeneration(modelPath);
        services.AddOptions<ChatEndpointOptions>().BindConfiguration(ChatEndpointOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration[$"{ChatEndpointOptions.SectionName}:{nameof(ChatEndpointOptions.Endpoint)}"]))
        {
            return services;
        }

        var onnxAnswers = !string.IsNullOrWhiteSpace(modelPath)
            && string.Equals(configuration[$"{AnswerOptions.SectionName}:{nameof(AnswerOptions.Generator)}"], AnswerOptions.OnnxGenerator, StringComparison.OrdinalIgnoreCase);
        services.AddSingleton<IHostedService>(sp => new ChatEndpointAnnouncer(
            sp.GetRequiredService<IOptions<ChatEndpointOptions>>(), sp.GetRequiredService<ILogger<ChatEndpointAnnouncer>>(), used: !onnxAnswers));
        if (onnxAnswers)
        {
            return services;
        }

        services.RemoveAll<IChatClient>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ChatEndpointClient.Create(
            sp.GetRequiredService<IOptions<ChatEndpointOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
