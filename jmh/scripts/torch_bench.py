#!/usr/bin/python3
"""Times PyTorch on the CPU running CLIP ViT-B/16 from the same checkpoint: the second peer of the encoder table.

Image encoder at batch 1 and 8 (224x224), text encoder for 1 and 100 prompts, on 1 and 2 threads; the median of
--repeats calls after --warmup calls, in milliseconds per call. Prints one JSON object per case and, on stderr, the
BLAS library torch loaded: Debian's torch runs its matmuls on whatever libblas.so.3 the alternatives system points
at, and the reference BLAS is about 30 times slower than OpenBLAS (libopenblas0-openmp or -pthread).

    /usr/bin/python3 jmh/scripts/torch_bench.py --checkpoint generated/onnx/synthetic-vit-b-16.bin
"""
import argparse
import ctypes
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_onnx import Clip, load_checkpoint  # noqa: E402  (the same model code as the ONNX export)


def blas_libraries():
    with open("/proc/self/maps") as maps:
        return sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})


def set_blas_threads(threads):
    """Debian's torch runs its matmuls in the OpenBLAS it loaded, whose own threads default to every core,
    whatever torch.set_num_threads says: without this, "1 thread" used both cores."""
    for path in blas_libraries():
        if "openblas" in os.path.basename(path):
            ctypes.CDLL(path).openblas_set_num_threads(threads)
            return True
    return False


def time_calls(fn, arg, warmup, repeats):
    with torch.inference_mode():
        for _ in range(warmup):
            fn(arg)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn(arg)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--quickgelu", action="store_true")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--image-batches", default="1,8")
    ap.add_argument("--text-prompts", default="1,100")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--tsv", help="also write engine, encoder, batch, threads, median_ms as tab-separated lines")
    args = ap.parse_args()

    model = Clip(args.quickgelu).eval()
    model.load_state_dict(load_checkpoint(args.checkpoint))
    g = torch.Generator().manual_seed(7)
    tokens = torch.zeros(100, 77, dtype=torch.int64)
    tokens[:, 0] = 49406
    tokens[:, 1:9] = torch.randint(1000, 40000, (100, 8), generator=g)
    tokens[:, 9] = 49407
    batches = [int(b) for b in args.image_batches.split(",") if b]
    prompts = [int(n) for n in args.text_prompts.split(",") if n]
    tokens = tokens.repeat((max(prompts, default=1) + 99) // 100, 1)
    cases = [("image", b, model.visual, torch.randn(b, 3, 224, 224, generator=g)) for b in batches]
    cases += [("text", n, model.encode_text, tokens[:n]) for n in prompts]
    rows = []
    for threads in [int(t) for t in args.threads.split(",")]:
        # T threads in all: torch's pool and OpenBLAS's both at T, or torch at 1 and OpenBLAS at T (the two pools
        # at T each oversubscribe the cores); the table takes the faster.
        for kind, size, fn, arg in cases:
            best = None
            for torch_threads in sorted({threads, 1}, reverse=True):
                torch.set_num_threads(torch_threads)
                set_blas_threads(threads)
                median, low, high = time_calls(fn, arg, args.warmup, args.repeats)
                print(json.dumps({"engine": f"pytorch {torch.__version__}", "encoder": kind, "batch": size,
                                  "threads": threads, "torch_threads": torch_threads, "blas_threads": threads,
                                  "median_ms": round(median, 2), "min_ms": round(low, 2),
                                  "max_ms": round(high, 2)}), flush=True)
                best = median if best is None else min(best, median)
            rows.append(f"PyTorch {torch.__version__.split('a')[0]}\t{kind}\t{size}\t{threads}\t{best:.2f}\n")
    if args.tsv:
        with open(args.tsv + ".tmp", "w") as f:
            f.write("engine\tencoder\tbatch\tthreads\tmedian_ms\n" + "".join(rows))
        os.replace(args.tsv + ".tmp", args.tsv)
    print("BLAS loaded by torch: " + ", ".join(blas_libraries()), file=sys.stderr)


if __name__ == "__main__":
    main()
