using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Web.Security;

/// <summary>
/// Who may use the server (section "Auth"): configured API keys, the admin account created on first start, optional
/// OpenID Connect and the lockout rule. With none of keys, admin and OpenID Connect set, the server is "open": every
/// caller is the local admin and the server listens on loopback only (a laptop).
/// </summary>
internal sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    public List<ApiKey> Keys { get; set; } = [];

    /// <summary>The account created (or whose password is reset) on start, e.g. from Auth__Admin__Email and Auth__Admin__Password.</summary>
    public AdminAccountOptions Admin { get; set; } = new();

    /// <summary>Sign-in through a firm's identity provider; off unless Authority and ClientId are set.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(1, 100)]
    public int LockoutAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>True when nothing configures who may sign in: the zero-configuration loopback mode.</summary>
    public bool Open => Keys.Count == 0 && string.IsNullOrWhiteSpace(Admin.Email) && !Oidc.Enabled;
}
