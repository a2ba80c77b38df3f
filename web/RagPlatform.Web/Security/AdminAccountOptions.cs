namespace RagPlatform.Web.Security;

/// <summary>The first administrator (section "Auth:Admin"); the password is only read while the account is missing.</summary>
internal sealed class AdminAccountOptions
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;
}
