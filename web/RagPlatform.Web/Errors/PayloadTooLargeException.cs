using RagPlatform.Core.Errors;

namespace RagPlatform.Web.Errors;

/// <summary>A request body or an uploaded file over a configured limit; the message names the setting.</summary>
internal sealed class PayloadTooLargeException(string message) : RagPlatformException(message);
