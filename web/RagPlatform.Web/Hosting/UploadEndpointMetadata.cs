namespace RagPlatform.Web.Hosting;

/// <summary>Marks the route whose body is an upload, so it gets the upload limit instead of the small API limit.</summary>
internal sealed class UploadEndpointMetadata
{
    public static readonly UploadEndpointMetadata Instance = new();
}
