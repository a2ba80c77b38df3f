using System.Text;
using Microsoft.Extensions.AI;

namespace RagPlatform.Generation.Tokenization;

/// <summary>
/// The chat formats of the supported families, written out (no Jinja): Llama 3 header tokens, Qwen2's ChatML and
/// Mistral's [INST] blocks. The prompt ends where the assistant's reply begins.
/// </summary>
public static class ChatTemplate
{
    public static string Format(string modelType, IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        return modelType switch
        {
            "qwen2" => ChatMl(list),
            "mistral" => Mistral(list),
            _ => Llama3(list),
        };
    }

    /// <summary>Text that ends the assistant's turn for the family (also a stop sequence).</summary>
    public static string EndOfTurn(string modelType) => modelType switch
    {
        "qwen2" => "<|im_end|>",
        "mistral" => "</s>",
        _ => "<|eot_id|>",
    };

    private static string ChatMl(List<ChatMessage> messages)
    {
        var sb = new StringBuilder();
        if (messages.Count == 0 || messages[0].Role != ChatRole.System)
        {
            sb.Append("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n");
        }

        foreach (var m in messages)
        {
            sb.Append("<|im_start|>").Append(m.Role.Value).Append('\n').Append(m.Text).Append("<|im_end|>\n");
        }

        return sb.Append("<|im_start|>assistant\n").ToString();
    }

    private static string Llama3(List<ChatMessage> messages)
    {
        var sb = new StringBuilder("<|begin_of_text|>");
        foreach (var m in messages)
        {
            sb.Append("<|start_header_id|>").Append(m.Role.Value).Append("<|end_header_id|>\n\n").Append(m.Text.Trim()).Append("<|eot_id|>");
        }

        return sb.Append("<|start_header_id|>assistant<|end_header_id|>\n\n").ToString();
    }

    private static string Mistral(List<ChatMessage> messages)
    {
        var sb = new StringBuilder("<s>");
        var system = string.Join("\n\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var firstUser = true;
        foreach (var m in messages.Where(m => m.Role != ChatRole.System))
        {
            if (m.Role == ChatRole.User)
            {
                var text = firstUser && system.Length > 0 ? system + "\n\n" + m.Text : m.Text;
                sb.Append("[INST] ").Append(text).Append(" [/INST]");
                firstUser = false;
            }
            else
            {
                sb.Append(' ').Append(m.Text).Append("</s>");
            }
        }

        return sb.ToString();
    }
}
