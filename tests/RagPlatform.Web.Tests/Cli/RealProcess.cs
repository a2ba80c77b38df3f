using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>
/// A real <c>ragp</c> or server process started from the test's output folder, its stdout and stderr collected, killed
/// (with its tree) on dispose so no test leaves a process behind.
/// </summary>
internal sealed class RealProcess : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private RealProcess(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Embedding__Enabled"] = "false";
        info.Environment["Samples__Path"] = string.Empty;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Raised for every stderr line (progress lines of <c>ragp index</c>).</summary>
    public event Action<string>? ErrorLine;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public static RealProcess Ragp(string data, params string[] args) => new("ragp.dll", [.. args, "--data", data], null);

    /// <summary><c>ragp</c> with extra environment variables (settings such as <c>Storage__Provider</c>).</summary>
    public static RealProcess Ragp(string data, IReadOnlyDictionary<string, string> environment, params string[] args)
        => new("ragp.dll", [.. args, "--data", data], environment);

    /// <summary>The web server on <paramref name="port"/> with <paramref name="data"/> as its data directory.</summary>
    public static RealProcess Server(string data, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["Storage__DataDirectory"] = data };
        return new("RagPlatform.Web.dll", ["--urls", $"http://127.0.0.1:{port}"], env);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Timeout);
        // WaitForExitAsync returns once the output streams reached their end, so Stdout and Stderr are complete.
        return _process.ExitCode;
    }

    /// <summary>Polls <paramref name="url"/> until it answers (any status) or the process ends.</summary>
    public async Task WaitUntilListeningAsync(HttpClient http, string url)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode}: {Stderr}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"the server did not answer {url} in {Timeout}: {Stderr}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(30_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.AppendLine(line);
        }

        if (ReferenceEquals(buffer, _stderr))
        {
            ErrorLine?.Invoke(line);
        }
    }
}
