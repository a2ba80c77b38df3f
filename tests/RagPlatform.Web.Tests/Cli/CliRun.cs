using System.Text.Json;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>The outcome of one in-process <c>ragp</c> run.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public int Count(string name) => Json.GetProperty(name).GetInt32();
}
