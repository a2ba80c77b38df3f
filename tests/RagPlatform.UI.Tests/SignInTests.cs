using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RagPlatform.Core.Storage;
using RagPlatform.Web.Security;

namespace RagPlatform.UI.Tests;

/// <summary>
/// With accounts configured the UI asks for sign-in: a reader scoped to team-a sees only team-a, and an admin issues a
/// key for that reader on the Users page, which works against the API until the admin revokes it.
/// </summary>
public sealed class SignInTests(SignInTests.Fixture fixture) : IClassFixture<SignInTests.Fixture>
{
    private const string AdminEmail = "admin@example.org";
    private const string ReaderEmail = "reader-a@example.org";
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_scoped_reader_signs_in_and_sees_only_their_collections()
    {
        var page = await fixture.NewSignedOutPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await SignInAsync(page, ReaderEmail);

        // The layout opens the one collection the reader covers, and the picker offers it alone.
        await page.Locator("main[data-interactive='true']").WaitForAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("collection=team-a"));
        await Assertions.Expect(page.GetByTestId("collection-picker").Locator("option")).ToHaveTextAsync(["team-a (0)"]);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(ReaderEmail);
        await Assertions.Expect(page.GetByTestId("nav-users")).ToHaveCountAsync(0);
        // A reader is told so and offered no upload, create, rename or delete (each is refused anyway).
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("upload-input")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#new-collection")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("rename-input")).ToHaveCountAsync(0);

        await UiSteps.GoAsync(page, "/?collection=team-b");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not cover collection 'team-b'");
        await Assertions.Expect(page.GetByTestId("collection-picker").Locator("option", new() { HasText = "team-b (" })).ToHaveTextAsync(["team-b (new)"]);
        // The server refuses the admin page itself (a static page that says why), not only the link.
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/denied"));
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        await UiSteps.ShotAsync(page, fixture.Browser, "signin-scoped-reader");
    }

    [Fact]
    public async Task An_admin_issues_a_key_that_works_against_the_API_until_revoked()
    {
        var page = await fixture.NewSignedOutPageAsync();
        await page.GotoAsync("/admin/users");
        await SignInAsync(page, AdminEmail);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/users$"));
        await page.Locator("main[data-interactive='true']").WaitForAsync();

        var row = page.Locator($"[data-testid='user-row'][data-email='{ReaderEmail}']");
        await row.GetByTestId("keys-button").ClickAsync();
        await page.GetByTestId("key-name").FillAsync("review script");
        await page.GetByTestId("issue-key").ClickAsync();
        var secret = (await page.GetByTestId("issued-key").TextContentAsync())!.Trim();
        Assert.StartsWith(UserKeys.SecretPrefix, secret, StringComparison.Ordinal);
        await UiSteps.ShotAsync(page, fixture.Browser, "signin-admin-issued-key");

        using var api = new HttpClient { BaseAddress = fixture.Browser.BaseAddress };
        api.DefaultRequestHeaders.Add("X-Api-Key", secret);
        var names = (await api.GetFromJsonAsync<JsonElement>("/api/collections")).EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["team-a"], names);
        using (var other = await api.GetAsync("/api/search?q=x&collection=team-b"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }

        await page.Locator("[data-testid='key-row'][data-name='review script']").GetByTestId("revoke-key").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='key-row'][data-name='review script']")).ToHaveAttributeAsync("data-state", "revoked");
        using var refused = await api.GetAsync("/api/collections");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // The admin's audit page shows the key being issued and revoked.
        await UiSteps.GoAsync(page, "/admin/audit");
        await Assertions.Expect(page.GetByTestId("audit-row").Filter(new() { HasText = "revoked" })).ToHaveCountAsync(1);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    /// <summary>A server with an admin from configuration, a reader scoped to team-a, and collections team-a and team-b.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public BrowserFixture Browser { get; } = new(new RagWebFactory(new Dictionary<string, string?>
        {
            ["Auth:Admin:Email"] = AdminEmail,
            ["Auth:Admin:Password"] = Password,
        }));

        public async Task InitializeAsync()
        {
            await Browser.InitializeAsync();
            var services = Browser.Server.Services;
            var store = services.GetRequiredService<IMetadataStore>();
            await store.EnsureCollectionAsync("team-a", CancellationToken.None);
            await store.EnsureCollectionAsync("team-b", CancellationToken.None);
            await services.GetRequiredService<AccountAdmin>().CreateAsync(ReaderEmail, Password, Roles.Reader, ["team-a"], CancellationToken.None);
        }

        /// <summary>A tab with no session: each test signs in as its own account.</summary>
        public async Task<IPage> NewSignedOutPageAsync()
        {
            await Browser.Context.ClearCookiesAsync();
            return await Browser.NewPageAsync();
        }

        public Task DisposeAsync() => Browser.DisposeAsync();
    }
}
