using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.UI.Tests;

/// <summary>
/// The library page's first-hour flows: each upload's line follows its job to the end (indexed, unchanged, refused at
/// the door), a document is re-indexed, and the collection is renamed and deleted from the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LibraryAdminTests(BrowserFixture browser) : IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("ragp-ui-admin-").FullName;

    [Fact]
    public async Task Upload_lines_end_indexed_unchanged_or_refused_and_never_stay_queued()
    {
        var page = await browser.NewPageAsync();
        await OpenAsync(page, "uploads");
        var terms = Write("terms.txt", "TERMS OF SERVICE\n\n1. Payment. Invoices are payable within thirty days of receipt.\n");

        await UploadAsync(page, terms);
        await Assertions.Expect(Line(page, "terms.txt")).ToContainTextAsync("Indexed", new LocatorAssertionsToContainTextOptions { Timeout = 120_000 });
        await UploadAsync(page, terms);
        await Assertions.Expect(Line(page, "terms.txt")).ToContainTextAsync("Unchanged: already indexed with the same content",
            new LocatorAssertionsToContainTextOptions { Timeout = 120_000 });

        await UploadAsync(page, Write("setup.exe", "MZ not a document"));
        await Assertions.Expect(Line(page, "setup.exe")).ToContainTextAsync("Unsupported file type: 'setup.exe'");
        await UploadAsync(page, Write("blank.txt", string.Empty));
        await Assertions.Expect(Line(page, "blank.txt")).ToContainTextAsync("is empty (0 bytes)");
        await Assertions.Expect(page.GetByTestId("document-row")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Collection_counts_in_the_picker_follow_indexing_done_elsewhere_without_a_reload()
    {
        var page = await browser.NewPageAsync();
        await OpenAsync(page, "counts");
        var options = page.GetByTestId("collection-picker").Locator("option");
        await Assertions.Expect(options.Filter(new LocatorFilterOptions { HasText = "counts (new)" })).ToHaveCountAsync(1);

        // Another client (the API, as the CLI's --server or a second tab would) indexes into two collections.
        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        foreach (var (collection, name) in new[] { ("counts", "a.txt"), ("counts-elsewhere", "b.txt") })
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent("NOTICE\n\nThe office is closed on public holidays.\n"), "files", name);
            using var accepted = await http.PostAsync($"/api/collections/{collection}/documents", form);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Assertions.Expect(options.Filter(new LocatorFilterOptions { HasText = "counts (1)" })).ToHaveCountAsync(1);
        await Assertions.Expect(options.Filter(new LocatorFilterOptions { HasText = "counts-elsewhere (1)" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_document_is_reindexed_and_its_collection_renamed_then_deleted_from_the_library()
    {
        var store = browser.Server.Services.GetRequiredService<IMetadataStore>();
        var page = await browser.NewPageAsync();
        await OpenAsync(page, "admin");
        await UploadAsync(page, Write("policy.txt", "PRIVACY POLICY\n\n2. Retention. Records are kept for seven years and then destroyed.\n"));
        await Assertions.Expect(Line(page, "policy.txt")).ToContainTextAsync("Indexed", new LocatorAssertionsToContainTextOptions { Timeout = 120_000 });

        // Re-index: a new job for the collection that replaces the document, though its file is unchanged.
        var jobsBefore = (await store.ListJobsAsync(int.MaxValue, CancellationToken.None)).Count(j => j.Collection == "admin");
        await page.GetByTestId("reindex-document").ClickAsync();
        var job = await WaitForNewJobAsync(store, "admin", jobsBefore);
        Assert.Equal(RagPlatform.Core.Jobs.JobState.Succeeded, job.State);
        Assert.Equal(1, job.Updated);
        Assert.Equal(0, job.Unchanged);
        await Assertions.Expect(Line(page, "policy.txt")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Indexed$"));
        await Assertions.Expect(page.GetByTestId("document-row").GetByTestId("job-status")).ToHaveTextAsync("Indexed");

        await page.GetByTestId("rename-input").FillAsync("admin-renamed");
        await page.GetByTestId("rename-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("collection=admin-renamed"));
        await Assertions.Expect(page.GetByTestId("document-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("collection-picker")).ToHaveValueAsync("admin-renamed");
        Assert.Null(await store.GetCollectionAsync("admin", CancellationToken.None));

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByTestId("delete-collection").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("collection=admin-renamed"));
        Assert.Null(await store.GetCollectionAsync("admin-renamed", CancellationToken.None));
        await Assertions.Expect(page.GetByTestId("collection-picker").Locator("option").Filter(new LocatorFilterOptions { HasText = "admin-renamed" }))
            .ToHaveCountAsync(0);
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private static Task<RagPlatform.Core.Jobs.JobInfo> WaitForNewJobAsync(IMetadataStore store, string collection, int before) =>
        JobEnds.UntilAsync(async () =>
        {
            var jobs = (await store.ListJobsAsync(int.MaxValue, CancellationToken.None)).Where(j => j.Collection == collection).ToList();
            return (jobs.Count > before && jobs[0].State is not (RagPlatform.Core.Jobs.JobState.Queued or RagPlatform.Core.Jobs.JobState.Running), jobs.FirstOrDefault()!);
        }, $"no new job of '{collection}' ended");

    private static ILocator Line(IPage page, string file) => page.Locator($"[data-testid='upload-status'][data-file='{file}']");

    private static async Task OpenAsync(IPage page, string collection)
    {
        await UiSteps.GoAsync(page, "/?collection=" + collection);
        await page.Locator("[data-testid='upload-input'][data-ready='1']").WaitForAsync();
    }

    private static Task UploadAsync(IPage page, string file) => page.GetByTestId("upload-input").SetInputFilesAsync(file);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_files, name);
        File.WriteAllText(path, text);
        return path;
    }
}
