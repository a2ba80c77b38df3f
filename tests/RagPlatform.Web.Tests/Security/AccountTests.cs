using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Web.Security;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.Web.Tests.Security;

/// <summary>Sign-in, lockout, the admin made at first start, and account keys that follow their account and can be revoked.</summary>
public sealed class AccountTests : IDisposable
{
    private readonly RagWebFactory _factory = new(TestAccounts.Settings(("Auth:LockoutAttempts", "3")));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task With_accounts_the_UI_asks_for_sign_in_and_the_API_answers_401()
    {
        using var anonymous = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var page = await anonymous.GetAsync("/search");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fsearch", page.Headers.Location.Query, StringComparison.Ordinal);
        using var api = await anonymous.GetAsync("/api/collections");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        using var admin = await TestAccounts.SignedInAsync(_factory, TestAccounts.AdminEmail);
        using var signedIn = await admin.GetAsync("/search");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(TestAccounts.AdminEmail, await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var users = await admin.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_until_an_admin_unlocks_it()
    {
        var account = await TestAccounts.CreateAsync(_factory, "reader@example.org", Roles.Reader, "*");
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await TestAccounts.PostLoginAsync(client, account.Email, "not the password at all");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(i < 2 ? "Wrong e-mail or password" : "locked", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var right = await TestAccounts.PostLoginAsync(client, account.Email, TestAccounts.Password))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Contains("locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var accounts = _factory.Services.GetRequiredService<AccountAdmin>();
        Assert.True((await accounts.FindByEmailAsync(account.Email, CancellationToken.None))!.LockedOut);
        await accounts.UnlockAsync(account.Id, CancellationToken.None);
        (await TestAccounts.SignedInAsync(_factory, account.Email)).Dispose();
    }

    [Fact]
    public async Task An_account_key_carries_the_account_s_role_and_scope_now_and_stops_when_revoked()
    {
        var account = await TestAccounts.CreateAsync(_factory, "writer@example.org", Roles.Writer, "team-a");
        var issued = await TestAccounts.IssueKeyAsync(_factory, account.Email, "script");
        Assert.StartsWith(UserKeys.SecretPrefix, issued.Secret, StringComparison.Ordinal);
        using var key = TestAccounts.KeyClient(_factory, issued.Secret);
        using (var created = await key.PostAsJsonAsync("/api/collections", new { name = "team-a" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var other = await key.PostAsJsonAsync("/api/collections", new { name = "team-b" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }

        // Demoted to reader: the same key may read team-a but no longer write.
        var accounts = _factory.Services.GetRequiredService<AccountAdmin>();
        await accounts.SetAccessAsync(account.Id, Roles.Reader, ["team-a"], CancellationToken.None);
        using (var read = await key.GetAsync("/api/collections/team-a/documents"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var write = await key.DeleteAsync("/api/collections/team-a"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        }

        var keys = _factory.Services.GetRequiredService<UserKeys>();
        Assert.True(await keys.RevokeAsync(issued.Key.Id, CancellationToken.None));
        Assert.False(await keys.RevokeAsync(issued.Key.Id, CancellationToken.None));
        using (var revoked = await key.GetAsync("/api/collections"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }

        var listed = Assert.Single(await keys.ListAsync(account.Id, CancellationToken.None));
        Assert.NotNull(listed.RevokedAt);
        Assert.DoesNotContain(issued.Secret, listed.Prefix + listed.Name, StringComparison.Ordinal);

        // A deleted account's other keys die with it.
        var second = await TestAccounts.IssueKeyAsync(_factory, account.Email, "second");
        await accounts.DeleteAsync(account.Id, CancellationToken.None);
        using var orphan = TestAccounts.KeyClient(_factory, second.Secret);
        using var gone = await orphan.GetAsync("/api/collections");
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    [Fact]
    public async Task The_UI_s_cookie_may_upload_from_its_own_pages_but_a_cross_site_post_is_refused()
    {
        await TestAccounts.CreateAsync(_factory, "uploader@example.org", Roles.Writer, "team-a");
        using var cookie = await TestAccounts.SignedInAsync(_factory, "uploader@example.org");
        foreach (var (origin, expected) in new[] { ("https://attacker.example", HttpStatusCode.Forbidden), ("http://localhost", HttpStatusCode.Accepted) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/collections/team-a/documents")
            {
                Content = new MultipartFormDataContent { { new ByteArrayContent("The term is three years."u8.ToArray()), "files", "term.txt" } },
            };
            request.Headers.TryAddWithoutValidation("Origin", origin);
            using var response = await cookie.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public void A_short_admin_password_stops_the_start_with_the_setting_named()
    {
        using var factory = new RagWebFactory(new Dictionary<string, string?> { ["Auth:Admin:Email"] = "a@example.org", ["Auth:Admin:Password"] = "short" });
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Auth:Admin:Password must be at least 12 characters", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_keys_keep_working_beside_accounts()
    {
        const string Configured = "configured-key-0123456789abcdef";
        using var factory = new RagWebFactory(TestAccounts.Settings(("Auth:Keys:0:Key", Configured), ("Auth:Keys:0:Role", "reader")));
        using var client = TestAccounts.KeyClient(factory, Configured);
        using var response = await client.GetAsync("/api/collections");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var write = await client.PostAsJsonAsync("/api/collections", new { name = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }
}
