using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;
using RagPlatform.Indexer.Hosting;

namespace RagPlatform.Indexer.Commands;

/// <summary><c>ragp ask QUESTION --collection C [--top N] [--strategy S] [--document ID] [--generator G] [--model DIR] [--endpoint URL --chat-model M]</c>.</summary>
internal static class AskCommand
{
    public static Command Create(CliConsole console)
    {
        var question = new Argument<string>("question") { Description = "The question" };
        var collection = new Option<string>("--collection", "-c") { Description = "The collection", Required = true };
        var top = new Option<int?>("--top", "-k") { Description = "How many evidence passages" };
        var strategy = new Option<string?>("--strategy") { Description = "passages, map-reduce, tree or auto (default)" };
        var document = new Option<Guid?>("--document") { Description = "Answer from this document only" };
        var generator = new Option<string?>("--generator") { Description = "extractive (default), chat or onnx (the local generator; needs --model)" };
        var model = new Option<string?>("--model") { Description = "Checkpoint folder of the local ONNX generator (--generator onnx)" };
        var endpoint = new Option<string?>("--endpoint") { Description = "OpenAI-compatible chat endpoint, e.g. http://127.0.0.1:8000/v1 (Chat:Endpoint; implies --generator chat)" };
        var chatModel = new Option<string?>("--chat-model") { Description = "The endpoint's model name (Chat:Model)" };
        var command = new Command("ask", "Answer a question with citations to the exact spans it rests on") { question, collection, top, strategy, document, generator, model, endpoint, chatModel };
        command.SetAction((parseResult, ct) => RagpHost.RunAsync(console, parseResult, async services =>
        {
            var request = new AskRequest(
                parseResult.GetValue(question)!,
                parseResult.GetValue(collection)!,
                parseResult.GetValue(top),
                parseResult.GetValue(strategy),
                parseResult.GetValue(document));
            var answer = await services.GetRequiredService<Answerer>().AskAsync(request, ct);
            if (parseResult.GetValue(GlobalOptions.Json))
            {
                await console.WriteJsonAsync(answer);
                return ExitCodes.Done;
            }

            await console.Out.WriteLineAsync(answer.Text);
            await console.Out.WriteLineAsync();
            foreach (var citation in answer.Citations)
            {
                await console.Out.WriteLineAsync($"[{citation.N}] {citation.Title}, p. {citation.PageStart}{(citation.PageEnd != citation.PageStart ? "-" + citation.PageEnd : string.Empty)}, chars {citation.CharStart}-{citation.CharEnd}");
            }

            return ExitCodes.Done;
        }, ct, GeneratorSettings(parseResult.GetValue(generator), parseResult.GetValue(model), parseResult.GetValue(endpoint), parseResult.GetValue(chatModel))));
        return command;
    }

    /// <summary>Settings overrides for <c>--generator</c>, <c>--model</c>, <c>--endpoint</c> and <c>--chat-model</c> (none when none is given).</summary>
    private static Dictionary<string, string?>? GeneratorSettings(string? generator, string? model, string? endpoint, string? chatModel)
    {
        if (generator is null && model is null && endpoint is null && chatModel is null)
        {
            return null;
        }

        var settings = new Dictionary<string, string?> { ["Answer:Generator"] = generator ?? (model is not null ? "onnx" : endpoint is not null ? "chat" : null) };
        if (settings["Answer:Generator"] is null)
        {
            settings.Remove("Answer:Generator");
        }

        if (model is not null)
        {
            settings["Generator:ModelPath"] = Path.GetFullPath(model);
        }

        if (endpoint is not null)
        {
            settings["Chat:Endpoint"] = endpoint;
        }

        if (chatModel is not null)
        {
            settings["Chat:Model"] = chatModel;
        }

        return settings;
    }
}
