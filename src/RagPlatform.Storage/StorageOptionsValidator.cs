using Microsoft.Extensions.Options;
using RagPlatform.Core.Storage;

namespace RagPlatform.Storage;

/// <summary>Fails start-up with a clear message when PostgreSQL is chosen without a connection string.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
        => RagDbContextConfigurator.IsPostgres(options) && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("Storage:Provider is 'postgres' but Storage:ConnectionString is empty.")
            : ValidateOptionsResult.Success;
}
