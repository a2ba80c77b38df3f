namespace RagPlatform.Web.Audit;

/// <summary>The actions the trail records.</summary>
internal static class AuditAction
{
    public const string Search = "search";
    public const string Ask = "ask";
    public const string Open = "open";
    public const string Upload = "upload";
    public const string Delete = "delete";
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string Account = "account";
    public const string Key = "key";
}
