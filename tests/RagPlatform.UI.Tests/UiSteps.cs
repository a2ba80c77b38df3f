using Microsoft.Playwright;

namespace RagPlatform.UI.Tests;

/// <summary>Steps the browser tests share: open a page once it is interactive, upload through the library, ask.</summary>
internal static class UiSteps
{
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("main[data-interactive='true']").WaitForAsync();
    }

    /// <summary>Uploads files through the library's file input and waits until every one of them is Indexed.</summary>
    public static async Task UploadAndWaitIndexedAsync(IPage page, string collection, params string[] files)
    {
        await GoAsync(page, "/?collection=" + collection);
        var input = page.GetByTestId("upload-input");
        await page.Locator("[data-testid='upload-input'][data-ready='1']").WaitForAsync();
        await input.SetInputFilesAsync(files);
        foreach (var file in files)
        {
            var row = page.GetByTestId("document-row").Filter(new LocatorFilterOptions { HasText = Path.GetFileName(file) });
            await Assertions.Expect(row.GetByTestId("job-status")).ToHaveTextAsync("Indexed", new LocatorAssertionsToHaveTextOptions { Timeout = 180_000 });
        }
    }

    /// <summary>Screenshot into the artifacts folder (and the repository's docs/screenshots when asked to refresh them).</summary>
    public static async Task ShotAsync(IPage page, BrowserFixture browser, string name)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.Artifacts, name + ".png") });
        var target = Environment.GetEnvironmentVariable("RAGP_SCREENSHOTS");
        if (!string.IsNullOrEmpty(target))
        {
            Directory.CreateDirectory(target);
            await File.WriteAllBytesAsync(Path.Combine(target, name + ".png"), bytes);
        }
    }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
