using System.Text.Json;
using RagPlatform.Indexer;

namespace RagPlatform.Generation.Tests;

/// <summary><c>ragp generate</c> in-process: the CONTRACT.md JSON shape and clear errors.</summary>
public sealed class GenerateCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await RagpApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("dense")]
    [InlineData("hsa")]
    public async Task Generate_prints_the_contract_json(string attention)
    {
        using var model = TinyModel.Create("qwen2", 91);
        var (code, output, error) = await RunAsync("generate", "--model", model.Directory, "--prompt", "w7 w8 w9 w10", "--max-tokens", "5",
            "--attention", attention, "--window", "4", "--chunk-size", "2", "--sinks", "1", "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(model.Directory, root.GetProperty("model").GetString());
        Assert.Equal(attention, root.GetProperty("attention").GetString());
        Assert.Equal([7L, 8L, 9L, 10L], root.GetProperty("promptTokens").EnumerateArray().Select(e => e.GetInt64()));
        var tokens = root.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.InRange(tokens.Count, 1, 5);
        Assert.Equal(JsonValueKind.String, root.GetProperty("text").ValueKind);
        Assert.True(root.GetProperty("prefillTokensPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("decodeTokensPerSecond").GetDouble() >= 0);

        var again = await RunAsync("generate", "--model", model.Directory, "--prompt", "w7 w8 w9 w10", "--max-tokens", "5",
            "--attention", attention, "--window", "4", "--chunk-size", "2", "--sinks", "1", "--json");
        using var second = JsonDocument.Parse(again.Out);
        Assert.Equal(tokens, second.RootElement.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task A_missing_model_folder_is_a_one_line_error()
    {
        var (code, output, error) = await RunAsync("generate", "--model", "/nonexistent/ragp-model", "--prompt", "hello");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_and_random_prompt_together_are_refused()
    {
        using var model = TinyModel.Create("llama", 92);
        var (code, _, error) = await RunAsync("generate", "--model", model.Directory, "--prompt", "w5", "--random-prompt", "10");
        Assert.Equal(2, code);
        Assert.Contains("exactly one", error, StringComparison.Ordinal);
    }
}
