"""Benchmark the pretraining corpus: build time and file size of the whole offline catalog, and peak memory while
writing a 200,000-row synthetic table (numeric, categorical, text and date columns) against the table's own size.

    python scripts/bench_corpus.py [--rows 200000] [--skip-catalog]

Each memory measurement runs in a fresh subprocess, so its peak RSS is its own. Prints a table, then one JSON line.
"""
from __future__ import annotations
import argparse, json, sys, tempfile, tracemalloc
from pathlib import Path
import numpy as np
import pandas as pd
import benchkit

def synthetic_table(n: int, seed: int = 0) -> pd.DataFrame:
    "A table with 5 numeric, 3 categorical, 2 free-text and 1 date column, and a binary target."
    rng = np.random.default_rng(seed)
    words = np.array("the a quick slow red blue tall short old new happy sad big small bright dark river hill city "
                     "forest house car train plane book song film road market garden".split(), dtype=object)
    def sentences(k):
        lens = rng.integers(4, 16, n)
        w = rng.choice(words, (n, 15))
        return [' '.join(w[i, :lens[i]]) + f' #{rng.integers(0, k)}' for i in range(n)]
    df = pd.DataFrame({f'num_{i}': rng.normal(size=n) * (i + 1) for i in range(5)})
    df.loc[rng.random(n) < 0.05, 'num_0'] = np.nan
    for i, k in enumerate((5, 30, 200)): df[f'cat_{i}'] = rng.choice([f'level_{j}' for j in range(k)], n)
    df['review'] = sentences(100_000)
    df['title'] = sentences(1000)
    df['when'] = pd.Timestamp('2020-01-01') + pd.to_timedelta(rng.integers(0, 4 * 365 * 24, n), unit='h')
    df['target'] = np.where(df.num_1 + (df.cat_0 == 'level_1') + rng.normal(size=n) > 0, 'yes', 'no')
    return df

def memory_run(n: int, chunk_rows: int) -> dict:
    "In this process: build the table, then write it into a corpus, measuring peak memory above the table."
    from nanotabstar.corpus import build_corpus
    from nanotabstar.datasets import dataset_from_frame
    df = synthetic_table(n)
    ds = dataset_from_frame(df, 'target', 'binary', name='synthetic')
    table_mib = (ds.X.memory_usage(deep=True).sum() + ds.y.memory_usage(deep=True)) / 2**20
    del df
    with tempfile.TemporaryDirectory() as d:
        benchkit.reset_peak_rss()
        rss_before = benchkit.rss_mib()
        with benchkit.Timer() as t:  # first build: time and peak RSS, without tracing overhead
            rep = build_corpus(Path(d) / 'a.h5', [ds], chunk_rows=chunk_rows)
        secs, rss_growth = t.seconds, benchkit.peak_rss_mib() - rss_before
        assert not rep.failed, rep.failed
        size = (Path(d) / 'a.h5').stat().st_size / 2**20
        tracemalloc.start()  # second build: peak of Python/numpy allocations
        build_corpus(Path(d) / 'b.h5', [ds], chunk_rows=chunk_rows)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return dict(rows=n, chunk_rows=chunk_rows, table_mib=round(table_mib, 1), seconds=round(secs, 1),
                rows_per_s=round(n / secs), traced_peak_mib=round(traced_peak / 2**20, 1),
                rss_growth_mib=round(rss_growth, 1), file_mib=round(size, 1))

def phases_run(n: int, chunk_rows: int = 16384) -> dict:
    "In this process: the peak RSS growth of each step of writing one dataset (split, fit on train, chunked writing)."
    from nanotabstar.corpus import Vocabulary, corpus_settings, split_rows
    from nanotabstar.datasets import dataset_from_frame
    from nanotabstar.preparation import TabSTARPreprocessor
    ds = dataset_from_frame(synthetic_table(n), 'target', 'binary', name='synthetic')
    X, y, out = ds.X, ds.y, {}
    def start():
        benchkit.reset_peak_rss()
        return benchkit.rss_mib()
    def growth(before): return round(benchkit.peak_rss_mib() - before, 1)
    before = start()
    tr, va = split_rows(X, y, True, corpus_settings())
    out['split_mib'] = growth(before)
    before = start()
    pre = TabSTARPreprocessor(True).fit(X.iloc[tr], y.iloc[tr])
    out['fit_mib'] = growth(before)
    before = start()
    vocab = Vocabulary()
    for s in range(0, len(tr), chunk_rows):
        v = pre.transform(X.iloc[tr[s:s + chunk_rows]], y.iloc[tr[s:s + chunk_rows]])
        vocab.encode(v.x_txt[:, pre.d_output:])
        vocab.flush()
        del v
    out['write_mib'] = growth(before)
    return out

def catalog_run() -> dict:
    "Build the whole offline catalog once; time, size, rows, and the raw size of the strings it stands for."
    from nanotabstar.corpus import Corpus, build_corpus
    from nanotabstar.datasets import OFFLINE_CATALOG
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / 'offline.h5'
        with benchkit.Timer() as t:
            rep = build_corpus(path, OFFLINE_CATALOG)
        secs = t.seconds
        rows = cells = raw = 0
        with Corpus(path) as c:
            for name in c.datasets:
                lengths = np.array([len(s.encode()) for s in c.strings(name)])
                for split in ('train', 'val'):
                    codes = c.file[name][split]['codes'][()]
                    rows += codes.shape[0]
                    cells += codes.size
                    raw += int(np.bincount(codes.ravel(), minlength=len(lengths)) @ lengths)
        size = path.stat().st_size
    return dict(datasets=len(rep.built), failed=len(rep.failed), seconds=round(secs, 1), rows=rows, cells=cells,
                rows_per_s=round(rows / secs), file_mib=round(size / 2**20, 1), raw_strings_mib=round(raw / 2**20, 1))

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--rows', type=int, default=200_000)
    p.add_argument('--skip-catalog', action='store_true')
    p.add_argument('--_memory', type=int, help=argparse.SUPPRESS)  # internal: chunk_rows of a subprocess run
    p.add_argument('--_phases', action='store_true', help=argparse.SUPPRESS)  # internal: the per-step subprocess run
    args = p.parse_args()
    if args._memory is not None:
        print(json.dumps(memory_run(args.rows, args._memory)))
        return
    if args._phases:
        print(json.dumps(phases_run(args.rows)))
        return
    out = {}
    if not args.skip_catalog:
        out['offline_catalog'] = cat = catalog_run()
        print(f"offline catalog: {cat['datasets']} datasets ({cat['failed']} failed), {cat['rows']:,} rows, "
              f"{cat['cells']:,} cells in {cat['seconds']} s ({cat['rows_per_s']:,} rows/s); file {cat['file_mib']} MiB "
              f"for {cat['raw_strings_mib']} MiB of raw cell strings")
    runs = []
    for chunk in (16384, args.rows):  # the default chunking, then the whole table in one chunk
        runs.append(benchkit.run_json([sys.executable, __file__, '--rows', args.rows, '--_memory', chunk]))
    out['synthetic'] = runs
    print(f"\n{'rows':>8} {'chunk_rows':>10} {'table MiB':>9} {'seconds':>7} {'rows/s':>7} {'traced peak MiB':>15} "
          f"{'RSS growth MiB':>14} {'file MiB':>8}")
    for r in runs:
        print(f"{r['rows']:>8,} {r['chunk_rows']:>10,} {r['table_mib']:>9} {r['seconds']:>7} {r['rows_per_s']:>7,} "
              f"{r['traced_peak_mib']:>15} {r['rss_growth_mib']:>14} {r['file_mib']:>8}")
    print("RSS growth: peak resident memory while writing minus resident memory before (the table is already loaded); "
          "traced peak: Python/numpy allocations only (tracemalloc; misses Arrow-backed strings)")
    out['phases'] = ph = benchkit.run_json([sys.executable, __file__, '--rows', args.rows, '--_phases'])
    print(f"peak RSS growth of each step over the RSS when it starts (MiB): split {ph['split_mib']}, fit on train rows "
          f"{ph['fit_mib']}, chunked verbalize+encode {ph['write_mib']}")
    benchkit.emit('corpus', **out)

if __name__ == '__main__': main()
