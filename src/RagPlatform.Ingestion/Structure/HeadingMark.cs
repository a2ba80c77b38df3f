namespace RagPlatform.Ingestion.Structure;

/// <summary>A heading the format declared itself (DOCX heading style, HTML h1-h6, Markdown #): its span and level.</summary>
internal readonly record struct HeadingMark(int Start, int End, int Level);
