using RagPlatform.Indexer;

// ragp: the batch CLI. Verbs live in Commands/, one file each; RagpApp wires them and maps errors to exit codes.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await RagpApp.RunAsync(args, Console.Out, Console.Error, cancel.Token);
