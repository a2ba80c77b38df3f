using RagPlatform.Core.Errors;

namespace RagPlatform.Web.Errors;

/// <summary>An uploaded file whose extension no decoder reads.</summary>
internal sealed class UnsupportedFileTypeException(string message) : RagPlatformException(message);
