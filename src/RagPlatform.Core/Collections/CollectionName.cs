using System.Text.RegularExpressions;
using RagPlatform.Core.Errors;

namespace RagPlatform.Core.Collections;

/// <summary>Validates collection names: they become folder names, so only [a-z0-9_-], 1 to 64 characters, lowercase.</summary>
public static partial class CollectionName
{
    /// <summary>Returns the normalized (lowercase) name or throws <see cref="InvalidRequestException"/>.</summary>
    public static string Validate(string? name)
    {
        var trimmed = name?.Trim().ToLowerInvariant() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new InvalidRequestException("The collection name is empty.");
        }

        if (!NamePattern().IsMatch(trimmed))
        {
            throw new InvalidRequestException(
                $"The collection name '{Truncate(trimmed)}' is invalid: use 1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit.");
        }

        return trimmed;
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "...";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
