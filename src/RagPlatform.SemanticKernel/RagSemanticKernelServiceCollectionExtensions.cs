using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace RagPlatform.SemanticKernel;

/// <summary>Registers a Semantic Kernel that carries the RagPlatform plugin and our embedder and chat seams.</summary>
public static class RagSemanticKernelServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RagPlugin"/> and a transient <see cref="Kernel"/> with the plugin under the name "rag". When an
    /// <see cref="IChatClient"/> is registered, the kernel gets it (also as an <see cref="IChatCompletionService"/>, so
    /// agents and automatic function calling work); when an embedding generator is registered, the kernel gets it too.
    /// Needs AddRagCore (and the Answerer) registered.
    /// </summary>
    public static IServiceCollection AddRagSemanticKernel(this IServiceCollection services)
    {
        services.AddSingleton<RagPlugin>();
        services.AddTransient(sp =>
        {
            var builder = Kernel.CreateBuilder();
            builder.Plugins.AddFromObject(sp.GetRequiredService<RagPlugin>(), RagPlugin.PluginName);
            if (sp.GetService<IChatClient>() is { } chat)
            {
                builder.Services.AddSingleton(chat);
                builder.Services.AddSingleton(chat.AsChatCompletionService());
            }

            if (sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is { } embedder)
            {
                builder.Services.AddSingleton(embedder);
            }

            return builder.Build();
        });
        return services;
    }
}
