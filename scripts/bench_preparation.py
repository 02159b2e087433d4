#!/usr/bin/env python
"""Benchmark verbalization: nanotabstar's TabSTARPreprocessor vs the reference tabstar TabSTARVerbalizer.

Times fit + transform (rows/s) on the reference's IMDB file and on a synthetic table with numeric, categorical,
text and date columns (200,000 rows by default). Each (table, implementation) runs in its own subprocess so
that peak memory is measured cleanly: `peak_mb` is the process's peak RSS (VmHWM, in MiB), `extra_mb` is that
peak minus the RSS just before fitting (the memory the verbalizer itself needed). Prints a table, then one
JSON line.

    python scripts/bench_preparation.py [--rows 200000] [--repeats 3]
"""
from __future__ import annotations
import argparse, json, sys, warnings
import benchkit


def build_synthetic(n: int, seed: int = 0):
    "A table with numeric, categorical, free-text and date columns and a binary target."
    import numpy as np, pandas as pd
    rng = np.random.default_rng(seed)
    words = np.array(['quiet', 'sunny', 'renovated', 'close', 'to', 'the', 'park', 'large', 'balcony', 'old',
                      'building', 'new', 'kitchen', 'view', 'of', 'sea', 'parking', 'elevator', 'small', 'garden'])
    text = [' '.join(rng.choice(words, 6)) for _ in range(20_000)]   # ~20k distinct descriptions
    when = pd.Series(pd.Timestamp('2015-01-01') + pd.to_timedelta(rng.integers(0, 3_000 * 86_400, n), unit='s'))
    when[rng.random(n) < 0.05] = pd.NaT
    income = rng.lognormal(10, 1, n); income[rng.random(n) < 0.1] = np.nan
    df = pd.DataFrame({
        'age': rng.integers(18, 90, n),
        'income': income,
        'score': rng.normal(0, 1, n),
        'rooms': rng.integers(1, 8, n).astype(float),
        'city': rng.choice(['Haifa', 'Tel Aviv', 'Jerusalem', 'Eilat', 'Beer Sheva', None], n),
        'type': pd.Categorical(rng.choice(['flat', 'house', 'studio'], n)),
        'description': np.array(text, dtype=object)[rng.integers(0, len(text), n)],
        'listed': when,
        'target': rng.random(n) < 0.4,
    })
    return df.drop(columns='target'), df['target']


def worker(impl: str, table: str, rows: int, repeats: int) -> dict:
    "Run in a fresh process: build the table, then time fit + transform and record memory."
    import pandas as pd
    warnings.simplefilter('ignore')
    if impl == 'reference': pd.set_option('future.infer_string', False)  # the reference cannot read str columns
    X, y = benchkit.reference_imdb() if table == 'imdb' else build_synthetic(rows)
    if impl == 'reference':
        from tabstar.tabstar_verbalizer import TabSTARVerbalizer
        make = lambda: TabSTARVerbalizer(is_cls=True)
        def run(v):
            v.fit(X, y)
            return v.transform(X, y)
    else:
        from nanotabstar.preparation import TabSTARPreprocessor
        make = lambda: TabSTARPreprocessor(is_cls=True)
        def run(p): return p.fit(X, y).transform(X, y)
    Xh, yh = X.head(50), y.head(50)
    warm = make()   # one-time costs: lazy imports, arrow kernels
    warm.fit(Xh, yh)
    warm.transform(Xh, yh)
    before = benchkit.rss_mib()
    best = benchkit.best_time(lambda: run(make()), repeats)
    peak = benchkit.peak_rss_mib()
    return dict(impl=impl, table=table, rows=len(X), cols=X.shape[1], seconds=round(best, 3),
                rows_per_s=round(len(X) / best), peak_mb=round(peak), extra_mb=round(peak - before))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--rows', type=int, default=200_000, help='rows of the synthetic table')
    ap.add_argument('--repeats', type=int, default=10, help='repeats on IMDB (best time kept); 1 on the big table')
    ap.add_argument('--worker', nargs=2, metavar=('IMPL', 'TABLE'), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        impl, table = args.worker
        print(json.dumps(worker(impl, table, args.rows, args.repeats if table == 'imdb' else 1)))
        return
    results = []
    for table in ['imdb', 'synthetic']:
        for impl in ['reference', 'nanotabstar']:
            cmd = [sys.executable, __file__, '--worker', impl, table, '--rows', args.rows, '--repeats', args.repeats]
            results.append(benchkit.run_json(cmd))
    print(f"{'table':10} {'impl':12} {'rows':>8} {'cols':>5} {'seconds':>9} {'rows/s':>10} {'peak MB':>8} {'extra MB':>9}")
    for r in results:
        print(f"{r['table']:10} {r['impl']:12} {r['rows']:>8} {r['cols']:>5} {r['seconds']:>9.3f} {r['rows_per_s']:>10,} {r['peak_mb']:>8} {r['extra_mb']:>9}")
    summary = {}
    for table in ['imdb', 'synthetic']:
        ref, ours = [next(r for r in results if r['table'] == table and r['impl'] == i) for i in ('reference', 'nanotabstar')]
        summary[table] = dict(speedup=round(ours['rows_per_s'] / ref['rows_per_s'], 2),
                              ours_rows_per_s=ours['rows_per_s'], ref_rows_per_s=ref['rows_per_s'],
                              ours_peak_mb=ours['peak_mb'], ref_peak_mb=ref['peak_mb'],
                              ours_extra_mb=ours['extra_mb'], ref_extra_mb=ref['extra_mb'])
        print(f"{table}: nanotabstar is {summary[table]['speedup']}x the reference's rows/s; "
              f"extra memory {ours['extra_mb']} MB vs {ref['extra_mb']} MB")
    benchkit.emit('preparation', rows=args.rows, results=results, summary=summary)


if __name__ == '__main__': main()
