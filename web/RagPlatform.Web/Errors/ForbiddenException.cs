using RagPlatform.Core.Errors;

namespace RagPlatform.Web.Errors;

/// <summary>A request the caller may not make here: a collection its key does not cover, a path outside the job roots, a cross-site post.</summary>
internal sealed class ForbiddenException(string message) : RagPlatformException(message);
