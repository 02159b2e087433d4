#!/usr/bin/env python
"""Pretraining step throughput of a preset on one device: rows/s once the text cache is warm, A/B over settings.

On a GPU the pretraining loop can be bound by kernel launches rather than arithmetic: a micro-batch holds hundreds
of distinct strings, and whatever is done per string (a copy, a pad) is a launch of a few microseconds. Each
configuration runs two epochs on the same datasets (the first fills the text cache) and reports the second epoch's
training rows/s:
  padding     'per-string': the trainable top layers' input padded string by string (pad_sequence and a .float()
              each, the loop before `pad_states`); 'joined': `pad_states` (one cat, one index_copy_ per chunk)
  encode_batch  distinct strings per text-encoder call (ModelConfig.encode_batch; each call is one pass of the
              trainable top layers, forward and backward)
--profile adds a torch.profiler epoch of the last configuration: launches per micro-batch and the share of the
epoch the GPU is busy.

  python scripts/bench_pretrain_steps.py --corpus FILE [--preset gpu] [--device cuda] [--rows 384]
         [--datasets A B ...] [--encode-batch 128 1024] [--padding per-string joined] [--profile]

Prints a table and ends with one JSON line.
"""
import argparse, json, os, shutil, tempfile, time
from dataclasses import replace
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import numpy as np
import torch
from torch import nn
from nanotabstar.config import get_preset
from nanotabstar.data_loader import corpus_tables
from nanotabstar.pretrain_cli import resolve_encoder
from nanotabstar.text_encoder import TextEncoder
from nanotabstar.train import pretrain

DEFAULT = ['modeldata.attrition', 'carData.TitanicSurvival', 'modeldata.credit_data', 'openintro.email', 'ISLR.OJ',
           'dslabs.trump_tweets', 'modeldata.ames', 'carData.Chile']

def top_vectors_per_string(self, states):
    "The padding before `pad_states`: one pad copy and one .float() per string (kept here as the measured baseline)."
    if self.n_frozen == len(self.encoder.layer): return torch.stack([s[0] for s in states]).float()
    lengths = np.array([len(s) for s in states])
    parts, order = [], []
    for chunk in self.chunk_order(lengths):
        hidden = nn.utils.rnn.pad_sequence([states[j].float() for j in chunk], batch_first=True)
        mask = torch.arange(hidden.shape[1], device=hidden.device)[None] < torch.as_tensor(lengths[chunk], device=hidden.device)[:, None]
        parts.append(self.embed_top(hidden, mask.long()))
        order.append(chunk)
    unsort = np.argsort(np.concatenate(order), kind='stable')
    return torch.cat(parts)[torch.as_tensor(unsort, device=parts[0].device)]

def run(cfg, tables, device, epochs=2, profile=False):
    "History of a fresh run (and a profiler summary of its last epoch when `profile`)."
    out = tempfile.mkdtemp()
    try:
        if not profile: return pretrain(cfg, tables, out, device=device, log=lambda m: None), None
        hist = pretrain(replace(cfg, pretrain=replace(cfg.pretrain, epochs=epochs)), tables, out, device=device, log=lambda m: None)
        from torch.profiler import profile as prof_ctx, ProfilerActivity
        acts = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if torch.device(device).type == 'cuda' else [])
        shutil.rmtree(out); out = tempfile.mkdtemp()
        c = replace(cfg, pretrain=replace(cfg.pretrain, epochs=1))
        t0 = time.time()
        with prof_ctx(activities=acts) as prof: h = pretrain(c, tables, out, device=device, log=lambda m: None)
        wall = time.time() - t0
        ev = prof.key_averages()
        on_gpu = [e for e in ev if 'CUDA' in str(getattr(e, 'device_type', ''))]   # kernels and GPU copies
        kernels, busy = sum(e.count for e in on_gpu), sum(e.device_time_total for e in on_gpu) / 1e6
        micro = h[-1].rows / cfg.pretrain.batch_size
        top = sorted(ev, key=lambda e: -e.count)[:12]
        return hist, dict(wall_s=round(wall, 1), train_s=round(h[-1].train_seconds, 1), gpu_busy_s=round(busy, 1),
                          kernel_launches=kernels, launches_per_micro_batch=round(kernels / max(micro, 1)),
                          top_ops=[(e.key, e.count) for e in top])
    finally: shutil.rmtree(out, ignore_errors=True)

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--corpus', required=True)
    p.add_argument('--preset', default='gpu')
    p.add_argument('--device', default=None)
    p.add_argument('--datasets', nargs='+', default=DEFAULT)
    p.add_argument('--rows', type=int, default=384, help='rows per dataset per epoch')
    p.add_argument('--encode-batch', type=int, nargs='+', default=[128, 1024])
    p.add_argument('--padding', nargs='+', default=['per-string', 'joined'], choices=['per-string', 'joined'])
    p.add_argument('--profile', action='store_true')
    a = p.parse_args(argv)
    device = a.device or ('cuda' if torch.cuda.is_available() else 'cpu')
    cfg = resolve_encoder(get_preset(a.preset), log=lambda m: None)
    cfg = replace(cfg, pretrain=replace(cfg.pretrain, epochs=2, max_rows_per_epoch=a.rows, val_cap=50))
    tables = corpus_tables(a.corpus, a.datasets)
    joined = TextEncoder.top_vectors
    rows, t_start = [], time.time()
    print(f"preset {a.preset} on {device} ({torch.cuda.get_device_name() if device.startswith('cuda') else 'CPU'}), "
          f"{len(tables)} datasets x {a.rows} rows an epoch; second-epoch training rows/s")
    print(f"| padding | encode_batch | rows/s | micro-batches/s |\n|---|---|---|---|")
    for padding in a.padding:
        TextEncoder.top_vectors = top_vectors_per_string if padding == 'per-string' else joined
        for eb in a.encode_batch:
            c = replace(cfg, model=replace(cfg.model, encode_batch=eb))
            hist, _ = run(c, tables, device)
            e = hist[-1]
            mb = e.rows / cfg.pretrain.batch_size / max(e.train_seconds, 1e-9)
            rows.append(dict(padding=padding, encode_batch=eb, rows_per_s=round(e.rows_per_s, 1), micro_batches_per_s=round(mb, 2)))
            print(f"| {padding} | {eb} | {e.rows_per_s:.0f} | {mb:.1f} |", flush=True)
    TextEncoder.top_vectors = joined
    prof = None
    if a.profile:
        c = replace(cfg, model=replace(cfg.model, encode_batch=a.encode_batch[-1]))
        _, prof = run(c, tables, device, profile=True)
        print(f"profile (joined, encode_batch {a.encode_batch[-1]}, a fresh one-epoch run: cache fill and validation included): "
              f"{prof['wall_s']} s wall ({prof['train_s']} s training), GPU busy {prof['gpu_busy_s']} s, {prof['kernel_launches']} "
              f"kernels ({prof['launches_per_micro_batch']} per micro-batch); most frequent ops: {prof['top_ops'][:6]}")
    base = rows[0]['rows_per_s']
    print(json.dumps(dict(device=device, preset=a.preset, rows=a.rows, datasets=len(tables), results=rows,
                          speedup_vs_first=round(rows[-1]['rows_per_s'] / max(base, 1e-9), 2), profile=prof,
                          seconds=round(time.time() - t_start, 1))))

if __name__ == '__main__':
    main()
