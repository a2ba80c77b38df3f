using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RagPlatform.UI.Tests;

/// <summary>
/// The issue's flow in a real browser: upload a PDF, wait for Indexed, search, ask, click the first citation and check
/// that the viewer shows the cited page with exactly the cited text highlighted. Also measures time to first answer
/// token and time to open a cited page (printed for docs/BENCHMARKS.md).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LibraryToCitationTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Pdf = "AILA_2019_Overview_Paper.pdf";

    private static readonly string[] s_questions =
    [
        "How many runs were received for the precedent retrieval task?",
        "How many teams participated in the track?",
        "Which evaluation measures were used?",
        "What is precedent retrieval?",
        "Which statutes were used in the statute retrieval task?",
    ];

    [Fact]
    public async Task Upload_search_ask_and_open_the_first_citation_at_its_highlighted_span()
    {
        var page = await browser.NewPageAsync();
        await UiSteps.UploadAndWaitIndexedAsync(page, "flow", UiSteps.Sample(Pdf));
        await Assertions.Expect(page.GetByTestId("document-row").First).ToContainTextAsync("12");
        await UiSteps.ShotAsync(page, browser, "library");

        await UiSteps.GoAsync(page, "/search?collection=flow");
        await page.GetByTestId("search-input").FillAsync("precedent retrieval statutes");
        await page.GetByTestId("search-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hit").First).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("hit").CountAsync() > 1);
        await page.GetByTestId("hit").First.Locator("summary").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hit").First.Locator("table.scores")).ToContainTextAsync("bm25");
        await UiSteps.ShotAsync(page, browser, "search");

        var firstToken = new List<double>();
        var openCited = new List<double>();
        var withBoxes = 0;
        foreach (var (question, i) in s_questions.Select((q, i) => (q, i)))
        {
            await UiSteps.GoAsync(page, "/ask?collection=flow");
            await page.GetByTestId("ask-input").FillAsync(question);
            var clock = Stopwatch.StartNew();
            await page.GetByTestId("ask-submit").ClickAsync();
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=answer]').textContent.trim().length > 0");
            firstToken.Add(clock.Elapsed.TotalMilliseconds);
            var citation = page.GetByTestId("citation").First;
            await Assertions.Expect(citation).ToBeVisibleAsync();
            if (i == 0)
            {
                await UiSteps.ShotAsync(page, browser, "ask");
            }

            var quote = await citation.GetAttributeAsync("data-quote") ?? string.Empty;
            var href = await citation.GetAttributeAsync("href") ?? string.Empty;
            var citedPage = int.Parse(QueryValue(href, "page"), CultureInfo.InvariantCulture);
            Assert.False(string.IsNullOrWhiteSpace(quote));
            if (i == 0)
            {
                // "we received a total of 23 runs from nine (09) participating teams" is on page 5 of the paper.
                Assert.Equal(5, citedPage);
                Assert.Contains("23 runs", quote, StringComparison.Ordinal);
            }

            clock.Restart();
            await citation.ClickAsync();
            var viewer = page.GetByTestId("viewer");
            await Assertions.Expect(page.GetByTestId("highlight").First).ToBeVisibleAsync();
            // The PDF page itself is drawn by pdf.js, with the span's glyph-box rectangles over it.
            await page.Locator("#pdf-pages[data-state='ready'], #pdf-pages[data-state='failed']").WaitForAsync();
            Assert.True(await page.Locator("#pdf-pages").GetAttributeAsync("data-state") == "ready", await page.Locator("#pdf-pages").TextContentAsync());
            var drawn = await page.Locator($"#pdf-pages .pdf-page[data-page='{citedPage}'] .pdf-box").CountAsync();
            openCited.Add(clock.Elapsed.TotalMilliseconds);
            withBoxes += drawn > 0 ? 1 : 0;
            // Glyph boxes cover about 95% of a PDF's characters (GlyphBoxTests), so only the first citation must have them.
            Assert.True(i > 0 || drawn > 0, "The first citation's span has no highlight rectangles on the PDF page.");

            Assert.Equal(citedPage.ToString(CultureInfo.InvariantCulture), await viewer.GetAttributeAsync("data-page"));
            await Assertions.Expect(viewer.Locator($"article[data-page-number='{citedPage}']")).ToBeVisibleAsync();
            var highlighted = string.Concat(await page.GetByTestId("highlight").AllTextContentsAsync());
            Assert.Equal(UiSteps.Collapse(quote), UiSteps.Collapse(highlighted));
            if (i == 0)
            {
                // The 12-page paper has a summary tree: a root over several leaves, each linking to its span.
                var tree = page.GetByTestId("tree");
                await Assertions.Expect(tree).ToBeVisibleAsync();
                Assert.True(await tree.Locator("li").CountAsync() >= 3, "The summary tree should show a root and its leaves.");
                Assert.All(await tree.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"),
                    href => Assert.Contains("start=", href, StringComparison.Ordinal));
                await UiSteps.ShotAsync(page, browser, "viewer");
            }
        }

        output.WriteLine($"time to first answer token ms: {Stats(firstToken)}");
        output.WriteLine($"citations drawn with glyph-box rectangles: {withBoxes} of {s_questions.Length}");
        output.WriteLine($"time to open cited PDF page with highlight boxes ms: {Stats(openCited)}");
    }

    private static string QueryValue(string href, string name)
    {
        var query = href[(href.IndexOf('?', StringComparison.Ordinal) + 1)..];
        return query.Split('&').Select(p => p.Split('=')).First(p => p[0] == name)[1];
    }

    private static string Stats(List<double> values)
    {
        var sorted = values.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"n={sorted.Count} p50={At(0.5):0} p95={At(0.95):0} all=[{string.Join(", ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))}]");
    }
}
