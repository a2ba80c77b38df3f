using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;
using RagPlatform.Storage;

namespace RagPlatform.Tests.Storage;

public sealed class RagStorageServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddRagStorage()
            .BuildServiceProvider();
    }

    [Fact]
    public async Task AddRagStorage_puts_the_sqlite_file_in_the_data_directory()
    {
        var directory = TempStore.NewDirectory();
        await using (var services = Build(("Storage:DataDirectory", directory)))
        {
            var store = services.GetRequiredService<IMetadataStore>();
            await store.MigrateAsync(CancellationToken.None);
            await store.EnsureCollectionAsync("law", CancellationToken.None);

            Assert.IsType<EfMetadataStore>(store);
            Assert.True(File.Exists(Path.Combine(directory, RagDbContextConfigurator.SqliteFileName)));
            Assert.Equal("law", Assert.Single(await store.ListCollectionsAsync(CancellationToken.None)).Name);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Postgres_without_a_connection_string_fails_validation_clearly()
    {
        using var services = Build(("Storage:Provider", "postgres"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
