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

    /// <summary>Human output: emphasis and the terminal's width on a terminal; plain text, 80 columns, otherwise.</summary>
    public IAnsiConsole Human { get; } = Create(stdout, Console.Out, Console.IsOutputRedirected);

    public IAnsiConsole ErrorConsole { get; } = Create(stderr, Console.Error, Console.IsErrorRedirected);

    /// <summary>Whether errors carry their stack traces and the log its details (<c>--verbose</c>).</summary>
    public bool Verbose { get; set; }

    /// <summary>The width human output is laid out for.</summary>
    public int Width => Human.Profile.Width;

    public Task WriteJsonAsync<T>(T value) => Out.WriteLineAsync(JsonSerializer.Serialize(value, s_json));

    /// <summary><paramref name="value"/> as a JSON object, in the same shape <see cref="WriteJsonAsync"/> prints, to extend.</summary>
    public System.Text.Json.Nodes.JsonObject ToJsonObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, s_json)?.AsObject() ?? [];

    /// <summary><paramref name="value"/> as a JSON node in the printed shape.</summary>
    public System.Text.Json.Nodes.JsonNode? ToJsonNode<T>(T value) => JsonSerializer.SerializeToNode(value, s_json);

    private static IAnsiConsole Create(TextWriter writer, TextWriter processWriter, bool redirected)
    {
        var terminal = ReferenceEquals(writer, processWriter) && !redirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Files, pipes and tests get one stable layout, whatever terminal the process was started from.
            console.Profile.Width = 80;
            console.Profile.Capabilities.Unicode = true;
        }

        return console;
    }
}
