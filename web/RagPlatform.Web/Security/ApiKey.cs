namespace RagPlatform.Web.Security;

/// <summary>One configured key: its secret, its role and the collections it may touch (empty or "*": all).</summary>
internal sealed class ApiKey
{
    public string Key { get; set; } = string.Empty;

    public string Role { get; set; } = Roles.Reader;

    public List<string> Collections { get; set; } = [];
}
