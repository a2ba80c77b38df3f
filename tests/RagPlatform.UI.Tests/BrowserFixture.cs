using Microsoft.Playwright;

namespace RagPlatform.UI.Tests;

/// <summary>
/// One server and one headless Debian chromium for all browser tests (Playwright drives the system browser; nothing is
/// downloaded). Screenshots go to the test output's artifacts folder.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _profile = Path.Combine(Path.GetTempPath(), "ragp-ui-chromium-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(new RagWebFactory())
    {
    }

    /// <summary>A browser on a server of the caller's making (fixtures that need other settings or services).</summary>
    internal BrowserFixture(RagWebFactory server) => Server = server;

    public RagWebFactory Server { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowserContext Context { get; private set; } = null!;

    public string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Artifacts);
        BaseAddress = Server.Start();
        _playwright = await Playwright.CreateAsync();
        Context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        Context.SetDefaultTimeout(60_000);
    }

    /// <summary>A new tab at the given viewport width (the height follows a phone or desktop shape).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var page = await Context.NewPageAsync();
        await page.SetViewportSizeAsync(width, width < 600 ? 740 : 860);
        return page;
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be flushing its profile; the OS cleans temp folders.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
