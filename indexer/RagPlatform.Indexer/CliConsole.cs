using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace RagPlatform.Indexer;

/// <summary>The writers a run prints to: results on stdout, progress and errors on stderr.</summary>
internal sealed class CliConsole(TextWriter stdout, TextWriter stderr)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>True when stderr is the process's own terminal, so a live progress bar can be drawn.</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;

    public IAnsiConsole Human { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });

    public IAnsiConsole ErrorConsole { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });

    public Task WriteJsonAsync<T>(T value) => Out.WriteLineAsync(JsonSerializer.Serialize(value, s_json));

    /// <summary><paramref name="value"/> as a JSON object, in the same shape <see cref="WriteJsonAsync"/> prints, to extend.</summary>
    public System.Text.Json.Nodes.JsonObject ToJsonObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, s_json)?.AsObject() ?? [];

    /// <summary><paramref name="value"/> as a JSON node in the printed shape.</summary>
    public System.Text.Json.Nodes.JsonNode? ToJsonNode<T>(T value) => JsonSerializer.SerializeToNode(value, s_json);
}
