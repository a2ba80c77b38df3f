using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RagPlatform.UI.Tests;

/// <summary>
/// The first hour: a server whose only collection is "casebook" (indexed by the CLI) opens on it, carries it across
/// Library, Search and Ask, and answers with a citation that opens the highlighted span, with no collection chosen by hand.
/// </summary>
[Collection(CasebookCollection.Name)]
public sealed partial class DefaultCollectionTests(CasebookFixture fixture)
{
    private BrowserFixture Browser => fixture.Browser;

    [Fact]
    public async Task Opening_the_root_reaches_an_answer_with_a_highlighted_citation_without_choosing_a_collection()
    {
        var page = await Browser.NewPageAsync();
        await UiSteps.GoAsync(page, "/");

        // The only collection is chosen and written into the address; the library lists its document.
        await Assertions.Expect(page).ToHaveURLAsync(CasebookAddress());
        await Assertions.Expect(page.GetByTestId("document-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("document-row").GetByTestId("job-status")).ToHaveTextAsync("Indexed");
        await Assertions.Expect(page.GetByTestId("collection-picker")).ToHaveValueAsync(CasebookFixture.Collection);

        // The navigation carries it to Search...
        await page.GetByTestId("nav-search").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(CasebookAddress());
        await page.GetByTestId("search-input").FillAsync("foreseeability damages");
        await page.GetByTestId("search-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hit").First).ToContainTextAsync("Hadley");

        // ...and to Ask, where the answer cites the casebook and the citation opens the highlighted span.
        await page.GetByTestId("nav-ask").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(CasebookAddress());
        await page.Locator("main[data-interactive='true']").WaitForAsync();
        await page.GetByTestId("ask-input").FillAsync("What must a party injured by a breach do to reduce its loss?");
        await page.GetByTestId("ask-submit").ClickAsync();
        var citation = page.GetByTestId("citation").First;
        await Assertions.Expect(citation).ToBeVisibleAsync();
        var quote = await citation.GetAttributeAsync("data-quote") ?? string.Empty;
        Assert.Contains("reasonable steps", quote, StringComparison.Ordinal);

        await citation.ClickAsync();
        await Assertions.Expect(page.GetByTestId("viewer")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("highlight").First).ToBeVisibleAsync();
        var highlighted = string.Concat(await page.GetByTestId("highlight").AllTextContentsAsync());
        Assert.Equal(UiSteps.Collapse(quote), UiSteps.Collapse(highlighted));
    }

    [Fact]
    public async Task The_last_used_collection_is_remembered_by_the_browser_and_a_stale_one_is_ignored()
    {
        var page = await Browser.NewPageAsync();
        await UiSteps.GoAsync(page, "/search?collection=" + CasebookFixture.Collection);
        await Assertions.Expect(page.GetByTestId("nav-ask")).ToHaveAttributeAsync("href", "/ask?collection=" + CasebookFixture.Collection);
        Assert.Equal(CasebookFixture.Collection, await page.EvaluateAsync<string>("() => localStorage.getItem('ragp.collection')"));

        // A remembered collection that no longer exists falls back to the only one there is.
        await page.EvaluateAsync("() => localStorage.setItem('ragp.collection', 'gone')");
        await UiSteps.GoAsync(page, "/ask");
        await Assertions.Expect(page).ToHaveURLAsync(CasebookAddress());
        Assert.Equal(CasebookFixture.Collection, await page.EvaluateAsync<string>("() => localStorage.getItem('ragp.collection')"));
    }

    [Fact]
    public async Task The_focus_ring_on_a_page_heading_shows_for_keyboard_navigation_only()
    {
        var page = await Browser.NewPageAsync();
        await UiSteps.GoAsync(page, "/?collection=" + CasebookFixture.Collection);

        await page.GetByTestId("nav-search").ClickAsync();
        await page.Locator("h1:focus").WaitForAsync();
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        await page.GetByTestId("nav-ask").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("h1:focus").Filter(new LocatorFilterOptions { HasText = "Ask" }).WaitForAsync();
        Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
    }

    private static Regex CasebookAddress() => CasebookRegex();

    [GeneratedRegex(@"[?&]collection=casebook(&|$)")]
    private static partial Regex CasebookRegex();
}
