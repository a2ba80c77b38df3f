namespace RagPlatform.Ingestion.Pdf;

/// <summary>The sidecar file that keeps a document's per-character glyph boxes (binary: count, then page and box per character).</summary>
public static class GlyphBoxFile
{
    public static async Task WriteAsync(string path, IReadOnlyList<GlyphBox?> boxes, CancellationToken cancellationToken)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = File.Create(temp))
        await using (var writer = new BinaryWriter(stream))
        {
            writer.Write(boxes.Count);
            foreach (var box in boxes)
            {
                var b = box ?? default;
                writer.Write(b.Page);
                writer.Write(b.Left);
                writer.Write(b.Bottom);
                writer.Write(b.Right);
                writer.Write(b.Top);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        File.Move(temp, path, overwrite: true);
    }

    public static GlyphBox?[] Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var boxes = new GlyphBox?[reader.ReadInt32()];
        for (var i = 0; i < boxes.Length; i++)
        {
            var box = new GlyphBox(reader.ReadInt32(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle());
            boxes[i] = box.Page == 0 ? null : box;
        }

        return boxes;
    }
}
