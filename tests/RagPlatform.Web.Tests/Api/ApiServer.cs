namespace RagPlatform.Web.Tests.Api;

/// <summary>One in-memory server and its client, shared by the tests of a class (<c>IClassFixture&lt;ApiServer&gt;</c>).</summary>
public sealed class ApiServer : IDisposable
{
    public ApiServer() => Client = Factory.CreateClient();

    public RagWebFactory Factory { get; } = new();

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}
