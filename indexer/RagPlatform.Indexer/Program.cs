using System.Runtime.InteropServices;

namespace RagPlatform.Indexer;

/// <summary>ragp: the batch CLI. Verbs live in Commands/, one file each; RagpApp wires them and maps errors to exit codes.</summary>
/// <remarks>A namespaced class, not top-level statements, so tests that see this assembly's internals keep one global Program (the web host's).</remarks>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        // SIGTERM (docker stop, systemd, kill) cancels the run like Ctrl-C: the job records Cancelled and the process
        // exits within seconds, instead of the signal waiting on a long decode.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });

        return await RagpApp.RunAsync(args, Console.Out, Console.Error, cancel.Token);
    }
}
