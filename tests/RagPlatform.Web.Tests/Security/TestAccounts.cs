using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Web.Security;
using RagPlatform.Web.Tests.Api;

namespace RagPlatform.Web.Tests.Security;

/// <summary>Accounts and their keys made through the server's own services, and a browser-like sign-in over HTTP.</summary>
internal static partial class TestAccounts
{
    public const string AdminEmail = "admin@example.org";
    public const string Password = "correct horse battery";

    /// <summary>Settings that turn accounts on: the admin is created at start.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Auth:Admin:Email"] = AdminEmail, ["Auth:Admin:Password"] = Password };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<UserAccount> CreateAsync(RagWebFactory factory, string email, string role, params string[] collections)
        => await factory.Services.GetRequiredService<AccountAdmin>().CreateAsync(email, Password, role, collections, CancellationToken.None);

    public static async Task<UserAccount> FindAsync(RagWebFactory factory, string email)
        => await factory.Services.GetRequiredService<AccountAdmin>().FindByEmailAsync(email, CancellationToken.None)
            ?? throw new InvalidOperationException($"no account {email}");

    public static async Task<IssuedKey> IssueKeyAsync(RagWebFactory factory, string email, string name = "test")
        => await factory.Services.GetRequiredService<UserKeys>().IssueAsync((await FindAsync(factory, email)).Id, name, CancellationToken.None);

    public static HttpClient KeyClient(RagWebFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A client that signs in on the login page as a browser would (antiforgery token, form post, cookie).</summary>
    public static async Task<HttpClient> SignedInAsync(RagWebFactory factory, string email, string password = Password)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await PostLoginAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = Token().Match(page);
        Assert.True(token.Success, "the login page has an antiforgery token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/account/login", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
