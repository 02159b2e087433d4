#!/usr/bin/env python
"""Pretraining throughput of the text-cache modes against the plain loop that re-encodes every batch.

Four runs on the same small offline corpus, same seed and schedule:
  plain-top  : top encoder layers train, every string re-encoded each batch (the paper's loop)
  bottom     : same training, frozen bottom layers' outputs cached per string (fp16; bottom-fp32: stored in fp32)
  plain-0    : encoder fully frozen (n_unfrozen_layers=0), every string re-encoded each batch
  frozen     : same training, each string's final vector cached
It prints rows/s per run (first epoch fills the caches; later epochs reuse them), the speed-ups, and how closely
the cached runs' step losses follow the plain runs' (they should agree up to float error), then one JSON line.

  python scripts/bench_pretrain.py [--epochs 3] [--rows 64] [--unfrozen 3] [--datasets A B ...]
"""
import argparse, os, tempfile
from dataclasses import replace
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import numpy as np
import torch
import benchkit
from nanotabstar.config import get_preset
from nanotabstar.corpus import build_corpus
from nanotabstar.datasets import get_catalog
from nanotabstar.data_loader import corpus_tables
from nanotabstar.text_encoder import minilm_path
from nanotabstar.train import pretrain

DEFAULT = ['modeldata.penguins', 'ISLR.Carseats', 'modeldata.attrition', 'openintro.epa2021', 'carData.TitanicSurvival', 'Ecdat.Fishing']

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--corpus', help='corpus file (default: a temporary one built from --datasets of the offline catalog)')
    p.add_argument('--datasets', nargs='+', default=DEFAULT)
    p.add_argument('--epochs', type=int, default=3)
    p.add_argument('--rows', type=int, default=64, help='rows per dataset per epoch')
    p.add_argument('--unfrozen', type=int, default=3, help='trainable top encoder layers in the plain-top/bottom runs')
    p.add_argument('--device', default=None)
    a = p.parse_args(argv)
    cfg = get_preset('cpu')
    cfg = replace(cfg, model=replace(cfg.model, encoder_name=minilm_path()),
                  pretrain=replace(cfg.pretrain, epochs=a.epochs, max_rows_per_epoch=a.rows, patience=a.epochs))
    tmp = Path(tempfile.mkdtemp())
    corpus = a.corpus or tmp / 'corpus.h5'
    if not a.corpus: build_corpus(corpus, [s for s in get_catalog('offline') if s.name in set(a.datasets)], cfg)
    tables = corpus_tables(corpus, a.datasets if a.corpus else None)
    runs = {'plain-top': (a.unfrozen, 'none', 'fp16'), 'bottom': (a.unfrozen, 'bottom', 'fp16'), 'bottom-fp32': (a.unfrozen, 'bottom', 'fp32'),
            'plain-0': (0, 'none', 'fp16'), 'frozen': (0, 'frozen', 'fp32')}
    res = {}
    for name, (unfrozen, cache, dtype) in runs.items():
        c = replace(cfg, model=replace(cfg.model, n_unfrozen_layers=unfrozen))
        with benchkit.Timer() as t:
            c = replace(c, pretrain=replace(c.pretrain, text_cache=cache, text_cache_dtype='float32' if dtype == 'fp32' else 'float16'))
            h = pretrain(c, tables, tmp / name, device=a.device, log=lambda m: None)
        res[name] = dict(seconds=t.seconds, rows_per_s=[x.rows_per_s for x in h], losses=[l for x in h for l in x.step_losses],
                         first_epoch_losses=h[0].step_losses, val=[x.val_metric for x in h],
                         overall=sum(x.rows for x in h) / sum(x.train_seconds for x in h))
        print(f"{name:11s} unfrozen={unfrozen} cache={cache:6s} {dtype} rows/s by epoch {np.round(res[name]['rows_per_s'], 1).tolist()} "
              f"| val {np.round(res[name]['val'], 4).tolist()} | {res[name]['seconds']:.0f}s", flush=True)
    def gap(x, y, key): return float(np.max(np.abs(np.array(res[x][key]) - np.array(res[y][key]))))
    out = {'device': str(a.device or ('cuda' if torch.cuda.is_available() else 'cpu')), 'epochs': a.epochs, 'rows_per_dataset_epoch': a.rows,
           'datasets': len(tables), 'unfrozen': a.unfrozen}
    for cached, plain in [('bottom', 'plain-top'), ('bottom-fp32', 'plain-top'), ('frozen', 'plain-0')]:
        later = lambda n: float(np.mean(res[n]['rows_per_s'][1:])) if a.epochs > 1 else res[n]['rows_per_s'][0]
        out[cached] = dict(rows_per_s=round(res[cached]['overall'], 2), plain_rows_per_s=round(res[plain]['overall'], 2),
                           speedup=round(res[cached]['overall'] / res[plain]['overall'], 2),
                           speedup_after_epoch1=round(later(cached) / later(plain), 2),
                           max_loss_gap_epoch1=gap(cached, plain, 'first_epoch_losses'), max_loss_gap_all=gap(cached, plain, 'losses'))
    print(f"\n{'mode':11s} {'rows/s':>8s} {'plain':>8s} {'speed-up':>9s} {'after ep1':>10s} {'loss gap ep1':>13s} {'loss gap all':>13s}")
    for m in ('bottom', 'bottom-fp32', 'frozen'):
        o = out[m]
        print(f"{m:11s} {o['rows_per_s']:8.2f} {o['plain_rows_per_s']:8.2f} {o['speedup']:8.2f}x {o['speedup_after_epoch1']:9.2f}x {o['max_loss_gap_epoch1']:13.2e} {o['max_loss_gap_all']:13.2e}")
    benchkit.emit('pretrain', **out)

if __name__ == '__main__': main()
