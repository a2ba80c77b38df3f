using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RagPlatform.UI.Tests;

/// <summary>The ask page in a real browser: busy from the click, streamed words, Stop, the address and the history.</summary>
[Collection(AskPageCollection.Name)]
public sealed partial class AskPageTests(AskPageFixture fixture)
{
    private const string TermQuestion = "How long does the agreement continue?";
    private const string NoticeQuestion = "How can either party terminate the agreement?";

    [Fact]
    public async Task The_page_is_busy_from_the_click_shows_streamed_words_and_Stop_cancels_the_request()
    {
        fixture.Chat.Hold = true;
        fixture.Chat.Reset();
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await UiSteps.GoAsync(page, $"/ask?collection={AskPageFixture.Collection}");
            await page.GetByTestId("ask-input").FillAsync(TermQuestion);
            await page.GetByTestId("ask-submit").ClickAsync();

            var answer = page.GetByTestId("answer");
            await Assertions.Expect(answer).ToHaveAttributeAsync("aria-busy", "true");
            await Assertions.Expect(page.GetByTestId("ask-busy")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("ask-submit")).ToBeDisabledAsync();
            // The held model has sent its first words and waits: they are on the page before any final answer.
            await Assertions.Expect(answer).ToHaveTextAsync(new Regex("^\\s*" + GatedChatClient.HeldPrefix + "\\s*$"));
            Assert.Equal(0, await page.GetByTestId("citation").CountAsync());
            await UiSteps.ShotAsync(page, fixture.Browser, "ask-streaming");

            await page.GetByTestId("ask-stop").ClickAsync();
            await Assertions.Expect(page.GetByTestId("ask-stopped")).ToBeVisibleAsync();
            await Assertions.Expect(answer).ToHaveAttributeAsync("aria-busy", "false");
            await Assertions.Expect(page.GetByTestId("ask-submit")).ToBeEnabledAsync();
            await Assertions.Expect(page.GetByTestId("ask-stop")).ToHaveCountAsync(0);
            // The server-side request was cancelled, not merely hidden.
            await fixture.Chat.Cancelled.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            fixture.Chat.Hold = false;
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task The_address_carries_the_question_and_a_reload_or_the_history_reopens_answers()
    {
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await UiSteps.GoAsync(page, $"/ask?collection={AskPageFixture.Collection}");
            var termId = await AskAsync(page, TermQuestion);
            Assert.Contains("q=" + Uri.EscapeDataString(TermQuestion), page.Url, StringComparison.Ordinal);

            await page.ReloadAsync();
            await page.Locator("main[data-interactive='true']").WaitForAsync();
            await Assertions.Expect(page.GetByTestId("ask-input")).ToHaveValueAsync(TermQuestion);
            await Assertions.Expect(page.GetByTestId("answer")).ToContainTextAsync("three years");
            await Assertions.Expect(page.GetByTestId("citation").First).ToBeVisibleAsync();

            var noticeId = await AskAsync(page, NoticeQuestion);
            Assert.NotEqual(termId, noticeId);
            var items = page.GetByTestId("history-item");
            await Assertions.Expect(items.First).ToContainTextAsync(NoticeQuestion);
            Assert.True(await items.CountAsync() >= 2);

            // Reopen the older answer from the history, then Back returns to the newer one.
            await items.Filter(new LocatorFilterOptions { HasText = TermQuestion }).First.GetByRole(AriaRole.Link).ClickAsync();
            await page.WaitForURLAsync(new Regex("answer=" + termId));
            await Assertions.Expect(page.GetByTestId("ask-input")).ToHaveValueAsync(TermQuestion);
            await Assertions.Expect(page.GetByTestId("answer")).ToContainTextAsync("three years");
            await page.GoBackAsync();
            await page.WaitForURLAsync(new Regex("answer=" + noticeId));
            await Assertions.Expect(page.GetByTestId("ask-input")).ToHaveValueAsync(NoticeQuestion);
            await Assertions.Expect(page.GetByTestId("answer")).ToContainTextAsync("ninety days");

            foreach (var (format, type) in new[] { ("md", "text/markdown"), ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document") })
            {
                var href = await page.GetByTestId("export-" + format).GetAttributeAsync("href");
                Assert.Equal($"/api/answers/{noticeId}/export?format={format}", href);
                var response = await page.APIRequest.GetAsync(href!);
                Assert.Equal(200, response.Status);
                Assert.StartsWith(type, response.Headers["content-type"], StringComparison.Ordinal);
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary>Asks through the form, waits for the answer's citations and returns the answer id from the address.</summary>
    private static async Task<string> AskAsync(IPage page, string question)
    {
        await page.GetByTestId("ask-input").FillAsync(question);
        await page.GetByTestId("ask-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape("q=" + Uri.EscapeDataString(question)) + "&answer="));
        await Assertions.Expect(page.GetByTestId("citation").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("answer")).ToHaveAttributeAsync("aria-busy", "false");
        return AnswerInAddress().Match(page.Url).Groups[1].Value;
    }

    [GeneratedRegex("answer=([0-9a-f-]{36})")]
    private static partial Regex AnswerInAddress();
}
