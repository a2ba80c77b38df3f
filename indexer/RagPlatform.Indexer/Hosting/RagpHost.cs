using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using RagPlatform.Core;
using RagPlatform.Core.Errors;
using RagPlatform.Core.Storage;
using RagPlatform.Generation;
using RagPlatform.Ingestion;
using RagPlatform.Onnx;
using RagPlatform.Search;
using RagPlatform.Storage;
using RagPlatform.Telemetry;

namespace RagPlatform.Indexer.Hosting;

/// <summary>
/// Composes the services a verb needs (appsettings.json beside the binary, environment variables, <c>--data</c>),
/// migrates the database, runs the verb and maps failures to exit code 2 with a one-line error on stderr.
/// </summary>
internal static class RagpHost
{
    public static Task<int> RunAsync(
        CliConsole console,
        ParseResult parseResult,
        Func<IServiceProvider, Task<int>> verb,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null)
        => RunAsync(console, parseResult.GetValue(GlobalOptions.Data), verb, cancellationToken, settings);

    public static async Task<int> RunAsync(
        CliConsole console,
        string? dataDirectory,
        Func<IServiceProvider, Task<int>> verb,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        try
        {
            using var host = Build(dataDirectory, settings, console.Verbose);
            await host.StartAsync(cancellationToken);
            try
            {
                await host.Services.GetRequiredService<IMetadataStore>().MigrateAsync(cancellationToken);
                return await verb(host.Services);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (IsUserFacing(ex))
        {
            await console.Error.WriteLineAsync($"error: {OneLine(ex.Message)}");
            return ExitCodes.CouldNotRun;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("error: cancelled");
            return ExitCodes.CouldNotRun;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or an unexpected environment: still one line unless the user asks for the trace.
            await console.Error.WriteLineAsync(console.Verbose
                ? $"error: {ex}"
                : $"error: {ex.GetType().Name}: {OneLine(ex.Message)} (run with --verbose for the stack trace)");
            return ExitCodes.CouldNotRun;
        }
    }

    private static IHost Build(string? dataDirectory, IReadOnlyDictionary<string, string?>? settings, bool verbose)
    {
        // No file watchers: a batch run reads its settings once.
        var initial = new ConfigurationManager();
        initial["hostBuilder:reloadConfigOnChange"] = "false";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Configuration = initial,
            Args = [],
        });
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = Path.GetFullPath(dataDirectory);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        // stdout is reserved for results (pure JSON with --json): logs go to stderr, warnings and above only.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o =>
        {
            o.LogToStandardErrorThreshold = LogLevel.Trace;
            o.FormatterName = verbose ? ConsoleFormatterNames.Simple : OneLineConsoleFormatter.FormatterName;
        });
        builder.Logging.AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, verbose ? LogLevel.Information : LogLevel.Warning);

        builder.Services
            .AddRagCore()
            .AddRagStorage()
            .AddRagSearch()
            .AddRagIngestion();
        builder.Services.AddRagChat(builder.Configuration);
        builder.Services.AddRagTelemetry(builder.Configuration, "ragp");
        builder.Services.AddRagOnnx(builder.Configuration);

        return builder.Build();
    }

    private static bool IsUserFacing(Exception ex) => ex is RagPlatformException
        or FileNotFoundException
        or DirectoryNotFoundException
        or UnauthorizedAccessException
        or OptionsValidationException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
