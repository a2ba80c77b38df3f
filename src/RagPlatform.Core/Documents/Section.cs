namespace RagPlatform.Core.Documents;

/// <summary>
/// A node of a document's section tree: a heading ("2.1 Data", "Article 5", "§ 3") and the text range it governs,
/// from the heading to the start of the next heading of the same or a higher level.
/// </summary>
/// <param name="Title">The heading text as it appears, without its number.</param>
/// <param name="Number">The section number ("2.1", "5", "2.3(b)"), when the heading has one.</param>
/// <param name="Level">Depth in the tree, 1 for top-level headings.</param>
/// <param name="CharStart">Start of the heading in the normalized text.</param>
/// <param name="CharEnd">End of the section's range (exclusive).</param>
/// <param name="Path">Breadcrumb of the headings from the root, joined with " > ".</param>
public sealed record Section(string Title, string? Number, int Level, int CharStart, int CharEnd, string Path);
