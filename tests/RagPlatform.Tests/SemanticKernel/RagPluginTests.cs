using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RagPlatform.SemanticKernel;
using RagPlatform.Tests.Answering;

namespace RagPlatform.Tests.SemanticKernel;

public sealed class RagPluginTests : IAsyncLifetime
{
    private IndexedStack _stack = null!;

    public async Task InitializeAsync() => _stack = await IndexedStack.CreateAsync(s => s.AddRagSemanticKernel());

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Kernel_exposes_search_and_ask_that_return_cited_text()
    {
        var kernel = _stack.Services.GetRequiredService<Kernel>();
        Assert.True(kernel.Plugins.TryGetFunction(RagPlugin.PluginName, "search", out var search));
        Assert.True(kernel.Plugins.TryGetFunction(RagPlugin.PluginName, "ask", out var ask));

        var hits = await kernel.InvokeAsync(search, new KernelArguments { ["query"] = "fair use factors", ["collection"] = IndexedStack.Collection, ["top"] = 2 });
        Assert.StartsWith("[1] ", hits.GetValue<string>(), StringComparison.Ordinal);

        var answer = (await kernel.InvokeAsync(ask, new KernelArguments { ["question"] = "What factors are considered in determining fair use?", ["collection"] = IndexedStack.Collection })).GetValue<string>()!;
        Assert.Contains("[1]", answer, StringComparison.Ordinal);
        Assert.Contains("\n\nSources:\n[1] ", answer, StringComparison.Ordinal);
    }
}
