using Tokenizers.DotNet;

namespace RagPlatform.Generation.Tokenization;

/// <summary>
/// The checkpoint's tokenizer.json through Hugging Face tokenizers (Tokenizers.DotNet): text is encoded exactly
/// as tokenizer.json says; special tokens written in the text (chat templates) map to their ids.
/// </summary>
public sealed class ModelTokenizer : IDisposable
{
    private readonly Tokenizer _tokenizer;

    public ModelTokenizer(string tokenizerJsonPath)
    {
        if (!File.Exists(tokenizerJsonPath))
        {
            throw new FileNotFoundException($"No tokenizer.json at {tokenizerJsonPath}.", tokenizerJsonPath);
        }

        _tokenizer = new Tokenizer(vocabPath: tokenizerJsonPath);
    }

    public long[] Encode(string text) => text.Length == 0 ? [] : _tokenizer.Encode(text).Select(t => (long)t).ToArray();

    public string Decode(IEnumerable<int> ids)
    {
        var array = ids.Select(i => (uint)i).ToArray();
        return array.Length == 0 ? "" : _tokenizer.Decode(array);
    }

    public void Dispose() => _tokenizer.Dispose();
}
