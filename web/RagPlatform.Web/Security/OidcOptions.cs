namespace RagPlatform.Web.Security;

/// <summary>
/// OpenID Connect (section "Auth:Oidc"). An account signs in through the provider only when an admin has created it
/// with the same e-mail: roles and collections are granted here, never by the provider.
/// </summary>
internal sealed class OidcOptions
{
    public const string Scheme = "oidc";

    public string Authority { get; set; } = string.Empty;

    public string ClientId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Off only for a provider on loopback without TLS (a test, a lab's own provider on the same host).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The label of the sign-in button.</summary>
    public string DisplayName { get; set; } = "Sign in with your organization";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
