#!/usr/bin/python3
"""Exports CLIP ViT-B/16's image and text encoders to ONNX from an OpenCLIP checkpoint, for the ONNX Runtime peer.

The model is written here with OpenCLIP's parameter names (visual.conv1.weight, visual.transformer.resblocks.{i}.
attn.in_proj_weight, token_embedding.weight, ...), so it loads the very state_dict that tca4j's converter reads.
Without --checkpoint it makes seeded synthetic weights and saves them first, as a plain torch.save(state_dict)
checkpoint (OpenCLIP's open_clip_pytorch_model.bin layout), so both engines can run the same file.

Run it with Debian's interpreter and python3-torch (the python3 first on PATH may lack Debian's packages):
    /usr/bin/python3 jmh/scripts/export_onnx.py --out generated/onnx [--checkpoint FILE] [--quickgelu]

Writes OUT/image_encoder.onnx (input "pixels" [B, 3, 224, 224] float32, output "features" [B, 512]) and
OUT/text_encoder.onnx (input "tokens" [N, 77] int64, output "features" [N, 512]); with no checkpoint also
OUT/synthetic-vit-b-16.bin. For checking, OUT/{image,text}_{input,features}.raw hold two example inputs and torch's
features for them (pixels [2, 3, 224, 224] float32, tokens [2, 77] int64, features [2, 512] float32, raw
little-endian). Attention is written out as matmuls and a softmax: torch 1.13's fused
nn.MultiheadAttention path only exports with autograd enabled, and the explicit form is what the checkpoint means.
"""
import argparse
import math
import os
import sys

import torch
from torch import nn
import torch.nn.functional as F

WIDTH, LAYERS, PATCH, IMAGE, EMBED = 768, 12, 16, 224, 512
TEXT_WIDTH, TEXT_LAYERS, TEXT_HEADS, CONTEXT, VOCAB = 512, 12, 8, 77, 49408
HEAD_DIM = 64


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    """Multi-head self-attention with a packed q/k/v projection, named as nn.MultiheadAttention names it."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * width, width))
        self.in_proj_bias = nn.Parameter(torch.empty(3 * width))
        self.out_proj = nn.Linear(width, width)

    def forward(self, x, mask):
        b, n, d = x.shape
        qkv = F.linear(x, self.in_proj_weight, self.in_proj_bias)           # [b, n, 3d]
        qkv = qkv.reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]                                     # [b, h, n, 64] each
        scores = torch.matmul(q, k.transpose(-1, -2)) * (d // self.heads) ** -0.5
        if mask is not None:
            scores = scores + mask
        out = torch.matmul(scores.softmax(dim=-1), v)                        # [b, h, n, 64]
        return self.out_proj(out.transpose(1, 2).reshape(b, n, d))


class Block(nn.Module):
    """Pre-LN residual block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, width, heads, quickgelu):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = Attention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential()
        self.mlp.add_module("c_fc", nn.Linear(width, 4 * width))
        self.mlp.add_module("gelu", QuickGELU() if quickgelu else nn.GELU())
        self.mlp.add_module("c_proj", nn.Linear(4 * width, width))

    def forward(self, x, mask=None):
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, width, layers, heads, quickgelu):
        super().__init__()
        self.resblocks = nn.ModuleList([Block(width, heads, quickgelu) for _ in range(layers)])

    def forward(self, x, mask=None):
        for block in self.resblocks:
            x = block(x, mask)
        return x


class Visual(nn.Module):
    def __init__(self, quickgelu):
        super().__init__()
        grid = IMAGE // PATCH
        self.conv1 = nn.Conv2d(3, WIDTH, PATCH, PATCH, bias=False)
        self.class_embedding = nn.Parameter(torch.empty(WIDTH))
        self.positional_embedding = nn.Parameter(torch.empty(grid * grid + 1, WIDTH))
        self.ln_pre = nn.LayerNorm(WIDTH)
        self.transformer = Transformer(WIDTH, LAYERS, WIDTH // HEAD_DIM, quickgelu)
        self.ln_post = nn.LayerNorm(WIDTH)
        self.proj = nn.Parameter(torch.empty(WIDTH, EMBED))

    def forward(self, pixels):
        x = self.conv1(pixels).flatten(2).transpose(1, 2)                   # [b, 196, 768]
        cls = self.class_embedding.expand(x.shape[0], 1, WIDTH)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding          # [b, 197, 768]
        x = self.transformer(self.ln_pre(x))
        return self.ln_post(x[:, 0]) @ self.proj                             # [b, 512]


class Clip(nn.Module):
    def __init__(self, quickgelu):
        super().__init__()
        self.visual = Visual(quickgelu)
        self.token_embedding = nn.Embedding(VOCAB, TEXT_WIDTH)
        self.positional_embedding = nn.Parameter(torch.empty(CONTEXT, TEXT_WIDTH))
        self.transformer = Transformer(TEXT_WIDTH, TEXT_LAYERS, TEXT_HEADS, quickgelu)
        self.ln_final = nn.LayerNorm(TEXT_WIDTH)
        self.text_projection = nn.Parameter(torch.empty(TEXT_WIDTH, EMBED))
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))
        self.register_buffer("attn_mask", torch.full((CONTEXT, CONTEXT), float("-inf")).triu(1), persistent=False)

    def encode_text(self, tokens):
        x = self.token_embedding(tokens) + self.positional_embedding        # [n, 77, 512]
        x = self.ln_final(self.transformer(x, self.attn_mask))
        eot = x[torch.arange(x.shape[0]), tokens.argmax(dim=-1)]             # [n, 512]
        return eot @ self.text_projection


class ImageEncoder(nn.Module):
    def __init__(self, clip):
        super().__init__()
        self.clip = clip

    def forward(self, pixels):
        return self.clip.visual(pixels)


class TextEncoder(nn.Module):
    def __init__(self, clip):
        super().__init__()
        self.clip = clip

    def forward(self, tokens):
        return self.clip.encode_text(tokens)


def synthetic_state(model, seed):
    """Seeded weights of a plausible scale, LayerNorm parameters perturbed so they matter."""
    g = torch.Generator().manual_seed(seed)
    state = {}
    for name, p in model.state_dict().items():
        if name == "logit_scale":
            state[name] = torch.tensor(math.log(100.0))
        elif "ln" in name and name.endswith("weight"):
            state[name] = 1 + 0.1 * torch.randn(p.shape, generator=g)
        elif name.endswith("bias") or "ln" in name:
            state[name] = 0.02 * torch.randn(p.shape, generator=g)
        else:
            # Linear, conv and embedding weights: [out, in...]; the projections are used as x @ proj: [in, out].
            fan_in = p.shape[0] if p.dim() == 1 or name.endswith("proj") or name == "text_projection" \
                else p.numel() // p.shape[0]
            state[name] = torch.randn(p.shape, generator=g) / math.sqrt(fan_in)
    return state


def load_checkpoint(path):
    """A plain state_dict or a training checkpoint ({"state_dict": ...}, keys maybe prefixed "module.")."""
    ckpt = torch.load(path, map_location="cpu")
    if isinstance(ckpt, dict) and "state_dict" in ckpt:
        ckpt = ckpt["state_dict"]
    if next(iter(ckpt)).startswith("module."):
        ckpt = {k[len("module."):]: v for k, v in ckpt.items()}
    if "logit_scale" in ckpt and ckpt["logit_scale"].dim() == 1:
        ckpt["logit_scale"] = ckpt["logit_scale"].reshape(())
    return {k: v.float() for k, v in ckpt.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--checkpoint", help="OpenCLIP ViT-B/16 checkpoint (default: seeded synthetic weights)")
    ap.add_argument("--quickgelu", action="store_true", help="QuickGELU MLP (OpenAI, DFN, MetaCLIP weights)")
    ap.add_argument("--seed", type=int, default=16, help="seed of the synthetic weights")
    ap.add_argument("--opset", type=int, default=17)
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    model = Clip(args.quickgelu).eval()
    if args.checkpoint:
        state = load_checkpoint(args.checkpoint)
    else:
        state = synthetic_state(model, args.seed)
        path = os.path.join(args.out, "synthetic-vit-b-16.bin")
        torch.save(state, path + ".tmp")
        os.replace(path + ".tmp", path)
        print(f"wrote {path} (seeded synthetic weights, seed {args.seed})")
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        sys.exit(f"checkpoint does not fit ViT-B/16: missing {missing[:5]}, unexpected {unexpected[:5]}")

    pixels = torch.randn(2, 3, IMAGE, IMAGE, generator=torch.Generator().manual_seed(1))
    tokens = torch.zeros(2, CONTEXT, dtype=torch.int64)
    tokens[:, 0], tokens[0, 1:4], tokens[0, 4], tokens[1, 1], tokens[1, 2] = 49406, 320, 49407, 1125, 49407
    exports = [("image_encoder.onnx", ImageEncoder(model), pixels, "pixels"),
               ("text_encoder.onnx", TextEncoder(model), tokens, "tokens")]
    with torch.no_grad():
        for file, module, example, input_name in exports:
            path = os.path.join(args.out, file)
            torch.onnx.export(module, (example,), path + ".tmp", input_names=[input_name],
                              output_names=["features"], opset_version=args.opset,
                              dynamic_axes={input_name: {0: "batch"}, "features": {0: "batch"}})
            os.replace(path + ".tmp", path)
            features = module(example)
            print(f"wrote {path}: {input_name} {list(example.shape)} -> features {list(features.shape)}")
            # torch's own answer for the example, so a benchmark can check that ONNX Runtime runs the same model
            stem = file[:-len("_encoder.onnx")]
            write_raw(os.path.join(args.out, f"{stem}_input.raw"), example)
            write_raw(os.path.join(args.out, f"{stem}_features.raw"), features)


def write_raw(path, tensor):
    """Little-endian float32 or int64, row-major, no header (the shapes are in the module docstring)."""
    tensor.contiguous().numpy().astype(tensor.numpy().dtype.newbyteorder("<")).tofile(path + ".tmp")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
