using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Answering.History;
using RagPlatform.Core.Storage;

namespace RagPlatform.Storage;

/// <summary>Registers the EF Core metadata store.</summary>
public static class RagStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds a pooled <see cref="IDbContextFactory{RagDbContext}"/> (<see cref="RagDbContextFactory"/>: SQLite or PostgreSQL per <see cref="StorageOptions"/>) and
    /// <see cref="IMetadataStore"/> (also as its narrow <see cref="ICollectionStore"/>, <see cref="IDocumentStore"/>,
    /// <see cref="ITreeStore"/> and <see cref="IJobStore"/>) and <see cref="IAnswerHistory"/>. Hosts must call <see cref="IMetadataStore.MigrateAsync"/> once at start.
    /// </summary>
    public static IServiceCollection AddRagStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.DataDirectory = SettingsPaths.Resolve(o.DataDirectory));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IDbContextFactory<RagDbContext>>(provider => new RagDbContextFactory(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IMetadataStore, EfMetadataStore>();
        services.AddSingleton<ICollectionStore>(provider => provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<ITreeStore>(provider => provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<IJobStore>(provider => provider.GetRequiredService<IMetadataStore>());
        services.AddSingleton<IAnswerHistory, EfAnswerHistory>();
        services.AddSingleton<EfAuditTrail>();
        return services;
    }
}
