#!/usr/bin/env python
"""Benchmark v1.1 verbalization: nanotabstar's TabSTARPreprocessor(generation='v1.1') vs the reference TabSTARv1p1Verbalizer.

Times fit + transform (rows/s) on a synthetic 300-column table (5,000 rows by default: the feature selector and its PCA
are active) and on the reference's IMDB file (800 rows, 4 text and 7 numeric columns). Each (table, implementation)
runs in its own subprocess so that peak memory is measured cleanly: `peak_mb` is the process's peak RSS (ru_maxrss),
`extra_mb` is that peak minus the RSS just before fitting (the memory the verbalizer itself needed). The reference is
a test oracle here; its stdout (the selector's messages) is swallowed. Prints a table, then one JSON line.

    python scripts/bench_preparation_v1p1.py [--rows 5000] [--repeats 20]
"""
from __future__ import annotations
import argparse, contextlib, io, json, os, resource, subprocess, sys, time, warnings
from pathlib import Path

from bench_preparation import build_imdb, rss_mb   # the v1.0 benchmark's IMDB loader and memory probe

TABLES = ('wide300', 'imdb')


def build_wide(n: int, seed: int = 0):
    "300 feature columns (260 numeric, 10 digit strings with a '?' marker, 5 bools, 20 text, 5 categories), binary target."
    import numpy as np, pandas as pd
    rng = np.random.default_rng(seed)
    signal = rng.normal(0, 1, n)
    cols = {}
    for i in range(260):
        v = rng.normal(0, 1, n) + (i % 10 == 0) * signal
        v = [v, np.exp(v), np.round(v * 2), v * 1e4][i % 4]
        v[rng.random(n) < 0.05 * (i % 3)] = np.nan
        cols[f"num_{i:03d}"] = v
    for i in range(10):
        v = np.array([str(x) for x in rng.integers(0, 1000, n)], dtype=object)
        v[rng.random(n) < 0.1] = '?'
        cols[f"digits_{i}"] = v
    for i in range(5): cols[f"flag_{i}"] = rng.random(n) < 0.3
    for i in range(20): cols[f"text_{i}"] = rng.choice(['red', 'green', 'blue', 'grey', None], n)
    for i in range(5): cols[f"cat_{i}"] = pd.Categorical(rng.choice(['a', 'b', 'c'], n))
    return pd.DataFrame(cols), pd.Series(signal + rng.normal(0, 0.5, n) > 0, name='target')


def worker(impl: str, table: str, rows: int, repeats: int) -> dict:
    "Run in a fresh process: build the table, then time fit + transform and record memory."
    warnings.simplefilter('ignore')
    X, y = build_imdb() if table == 'imdb' else build_wide(rows)
    if impl == 'reference':
        from tabstar.tabstarv1p1.preprocessing.tabstar_verbalizer import TabSTARv1p1Verbalizer
        make = lambda: TabSTARv1p1Verbalizer(is_cls=True, d_num=6)
        def run(v):
            with contextlib.redirect_stdout(io.StringIO()): v.fit(X, y)
            return v.transform(X, y)
    else:
        from nanotabstar.config import PreprocessConfig
        from nanotabstar.preparation import TabSTARPreprocessor
        make = lambda: TabSTARPreprocessor(is_cls=True, config=PreprocessConfig(generation='v1.1'))
        def run(p): return p.fit(X, y).transform(X, y)
    Xh, yh = X.head(50), y.head(50)
    warm = make()   # one-time costs: lazy imports, first calls
    with contextlib.redirect_stdout(io.StringIO()): warm.fit(Xh, yh)
    warm.transform(Xh, yh)
    before = rss_mb()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter(); out = run(make()); times.append(time.perf_counter() - t0)
        shape = list(out.x_num.shape)
        del out
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    best = min(times)
    return dict(impl=impl, table=table, rows=len(X), cols=X.shape[1], x_num_shape=shape, seconds=round(best, 3),
                rows_per_s=round(len(X) / best), peak_mb=round(peak), extra_mb=round(peak - before))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--rows', type=int, default=5000, help='rows of the 300-column table')
    ap.add_argument('--repeats', type=int, default=20, help='repeats on IMDB (best time kept); 3 on the wide table')
    ap.add_argument('--worker', nargs=2, metavar=('IMPL', 'TABLE'), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        impl, table = args.worker
        print(json.dumps(worker(impl, table, args.rows, args.repeats if table == 'imdb' else 3))); return
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]) + os.pathsep + os.environ.get('PYTHONPATH', ''))
    t_start, results = time.perf_counter(), []
    for table in TABLES:
        for impl in ['reference', 'nanotabstar']:
            cmd = [sys.executable, __file__, '--worker', impl, table, '--rows', str(args.rows), '--repeats', str(args.repeats)]
            out = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if out.returncode: sys.exit(f"{impl} on {table} failed:\n{out.stderr[-3000:]}")
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'table':8} {'impl':12} {'rows':>6} {'cols':>5} {'x_num shape':>16} {'seconds':>8} {'rows/s':>8} {'peak MB':>8} {'extra MB':>9}")
    for r in results:
        print(f"{r['table']:8} {r['impl']:12} {r['rows']:>6} {r['cols']:>5} {str(tuple(r['x_num_shape'])):>16} {r['seconds']:>8.3f} "
              f"{r['rows_per_s']:>8,} {r['peak_mb']:>8} {r['extra_mb']:>9}")
    summary = {}
    for table in TABLES:
        ref, ours = [next(r for r in results if r['table'] == table and r['impl'] == i) for i in ('reference', 'nanotabstar')]
        summary[table] = dict(speedup=round(ours['rows_per_s'] / ref['rows_per_s'], 2),
                              ours_rows_per_s=ours['rows_per_s'], ref_rows_per_s=ref['rows_per_s'],
                              ours_peak_mb=ours['peak_mb'], ref_peak_mb=ref['peak_mb'],
                              ours_extra_mb=ours['extra_mb'], ref_extra_mb=ref['extra_mb'])
        print(f"{table}: nanotabstar is {summary[table]['speedup']}x the reference's rows/s (target: 3x); "
              f"extra memory {ours['extra_mb']} MB vs {ref['extra_mb']} MB")
    print(json.dumps({'bench': 'preparation_v1p1', 'rows': args.rows, 'results': results, 'summary': summary,
                      'target_met': all(s['speedup'] >= 3 for s in summary.values()),
                      'wall_s': round(time.perf_counter() - t_start, 1)}))


if __name__ == '__main__': main()
