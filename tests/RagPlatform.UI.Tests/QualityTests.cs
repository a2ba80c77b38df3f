using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RagPlatform.UI.Tests;

/// <summary>Accessibility (axe-core), the 360 px phone layout, dark theme and escaping of hostile document text.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QualityTests(BrowserFixture browser)
{
    private const string HostileName = "hostile.txt";

    private const string HostileText =
        "Hostile clause\n\nThe parties agree <script>window.__pwned = 1;</script> that <img src=x onerror=\"window.__pwned = 2\"> "
        + "notices are given in writing. The notice period is thirty days.\n";

    [Fact]
    public async Task Hostile_document_text_shows_as_text_and_never_runs()
    {
        var page = await browser.NewPageAsync();
        var id = await UploadHostileAsync(page, "hostile");
        await UiSteps.GoAsync(page, $"/documents/{id}");
        var viewer = page.GetByTestId("viewer");
        await Assertions.Expect(viewer).ToContainTextAsync("<script>window.__pwned = 1;</script>");
        await Assertions.Expect(viewer).ToContainTextAsync("<img src=x onerror=");
        Assert.Equal(0, await viewer.Locator("script, img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
    }

    [Fact]
    public async Task Pages_have_no_serious_or_critical_axe_violations_in_light_and_dark_themes()
    {
        var page = await browser.NewPageAsync();
        var id = await UploadHostileAsync(page, "a11y");
        var paths = new[] { "/?collection=a11y", "/search?collection=a11y", "/ask?collection=a11y", $"/documents/{id}?start=20&end=60" };
        foreach (var theme in new[] { "light", "dark" })
        {
            foreach (var path in paths)
            {
                await UiSteps.GoAsync(page, path);
                await page.EvaluateAsync($"() => {{ document.documentElement.dataset.theme = '{theme}'; }}");
                var result = await page.RunAxe();
                var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{theme} {path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
                    .ToList();
                Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
            }
        }
    }

    [Fact]
    public async Task At_360_px_no_page_scrolls_sideways_and_the_ask_flow_still_works()
    {
        var page = await browser.NewPageAsync(360);
        var id = await UploadHostileAsync(page, "phone");
        foreach (var path in new[] { "/?collection=phone", "/search?collection=phone", "/ask?collection=phone", $"/documents/{id}" })
        {
            await UiSteps.GoAsync(page, path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow} px wider than the 360 px viewport");
        }

        await UiSteps.GoAsync(page, "/ask?collection=phone");
        await page.GetByTestId("ask-input").FillAsync("What is the notice period?");
        await page.GetByTestId("ask-input").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("citation").First).ToBeVisibleAsync();
        await UiSteps.ShotAsync(page, browser, "ask-360");
        await page.GetByTestId("citation").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("highlight").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch between light and dark theme" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await UiSteps.ShotAsync(page, browser, "viewer-360-dark");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch between light and dark theme" }).ClickAsync();
    }

    private async Task<string> UploadHostileAsync(IPage page, string collection)
    {
        var file = Path.Combine(Path.GetTempPath(), "ragp-ui-" + Guid.NewGuid().ToString("N"), HostileName);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, HostileText);
        await UiSteps.UploadAndWaitIndexedAsync(page, collection, file);
        var href = await page.GetByTestId("document-row").Filter(new LocatorFilterOptions { HasText = HostileName }).Locator("a").First.GetAttributeAsync("href");
        return href!.Split('/')[^1];
    }
}
