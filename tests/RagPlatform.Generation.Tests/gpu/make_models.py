"""Creates random checkpoints on the GPU host (no download): small Llama (llama3 rope scaling) and Qwen2 models
for parity, and Qwen2.5-0.5B / Llama-3.2-1B shaped ones for speed, plus a byte-level BPE tokenizer.json trained
here with the `tokenizers` library. usage: python make_models.py OUT_DIR [parity|speed|all|7b]"""
import json, os, sys
import torch
from tokenizers import Tokenizer, models, pre_tokenizers, decoders, trainers
from transformers import LlamaConfig, Qwen2Config, AutoModelForCausalLM

out = sys.argv[1]
which = sys.argv[2] if len(sys.argv) > 2 else "all"
os.makedirs(out, exist_ok=True)

def tokenizer(vocab):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    text = [("The court held that the contract was void because the consideration failed. "
             "Section %d of the statute governs the limitation period; the appellant's claim was filed late. "
             "Protein folding depends on hydrophobic interactions and hydrogen bonds in the %dth residue. ") % (i, i)
            for i in range(400)]
    trainer = trainers.BpeTrainer(vocab_size=vocab - 2, special_tokens=["<|endoftext|>", "<|im_end|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(text, trainer)
    return tok

def save(name, cfg, dtype, tok_vocab, device="cpu"):
    d = os.path.join(out, name)
    torch.manual_seed(1234)
    with torch.device(device):  # the 7B shape is initialized on the GPU (minutes on the CPU)
        model = AutoModelForCausalLM.from_config(cfg, torch_dtype=dtype)
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() == 1 and p.shape[0] == cfg.hidden_size and not torch.all(p == 0):
                p.uniform_(0.8, 1.2)  # norms
    model.save_pretrained(d, safe_serialization=True)
    tokenizer(tok_vocab).save(os.path.join(d, "tokenizer.json"))
    print("saved", d)

if which in ("parity", "all"):
    save("llama-small", LlamaConfig(vocab_size=512, hidden_size=256, intermediate_size=688, num_hidden_layers=4,
         num_attention_heads=8, num_key_value_heads=2, max_position_embeddings=131072, rope_theta=500000.0,
         rope_scaling={"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                       "original_max_position_embeddings": 8192}, tie_word_embeddings=False,
         bos_token_id=0, eos_token_id=1), torch.float32, 512)
    save("qwen2-small", Qwen2Config(vocab_size=512, hidden_size=256, intermediate_size=688, num_hidden_layers=4,
         num_attention_heads=8, num_key_value_heads=2, max_position_embeddings=32768, rope_theta=1000000.0,
         tie_word_embeddings=True, bos_token_id=0, eos_token_id=1), torch.float32, 512)
if which in ("speed", "all"):
    save("qwen2.5-0.5b-shape", Qwen2Config(vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
         num_attention_heads=14, num_key_value_heads=2, max_position_embeddings=1048576, rope_theta=1000000.0,
         tie_word_embeddings=True, bos_token_id=0, eos_token_id=1), torch.float16, 512, device="cuda")
    save("llama-3.2-1b-shape", LlamaConfig(vocab_size=128256, hidden_size=2048, intermediate_size=8192, num_hidden_layers=16,
         num_attention_heads=32, num_key_value_heads=8, head_dim=64, max_position_embeddings=1048576, rope_theta=500000.0,
         rope_scaling={"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                       "original_max_position_embeddings": 8192}, tie_word_embeddings=True,
         bos_token_id=0, eos_token_id=1), torch.float16, 512, device="cuda")
if which == "7b":
    save("qwen2.5-7b-shape", Qwen2Config(vocab_size=152064, hidden_size=3584, intermediate_size=18944, num_hidden_layers=28,
         num_attention_heads=28, num_key_value_heads=4, max_position_embeddings=1048576, rope_theta=1000000.0,
         tie_word_embeddings=False, bos_token_id=0, eos_token_id=1), torch.float16, 512, device="cuda")
