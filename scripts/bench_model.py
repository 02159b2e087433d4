#!/usr/bin/env python
"""Speed of nanotabstar's TabSTARModel against the reference `tabstar` TabStarModel, same weights, same batches.

Measures, in rows/s with peak memory, (1) forward in eval mode without gradients and (2) forward+backward in
training mode with the embeddings and bottom encoder layers frozen (top 6 of 12 trainable, as in pretraining).
Checks that both models give the same logits in eval mode. Prints a table, then ONE JSON line.

  python scripts/bench_model.py                       # e5-small-v2 shape (random weights), CPU or CUDA automatically
  python scripts/bench_model.py --encoder minilm      # the pretrained offline MiniLM encoder (6 layers)
  python scripts/bench_model.py --amp bf16 --rows 64  # autocast, bigger batches
"""
import argparse, os, tempfile, warnings
import numpy as np, pandas as pd, torch
import benchkit

warnings.filterwarnings("ignore")
p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
p.add_argument('--encoder', choices=['e5', 'minilm'], default='e5', help="e5: e5-small-v2 shape, random weights; minilm: offline MiniLM")
p.add_argument('--rows', type=int, default=32, help='rows per batch')
p.add_argument('--batches', type=int, default=4, help='timed batches per measurement')
p.add_argument('--repeats', type=int, default=2, help='timed passes over the batches; the best is kept')
p.add_argument('--device', default=None, help='cpu or cuda; default: cuda when available')
p.add_argument('--amp', choices=['none', 'bf16', 'fp16'], default='none', help='autocast dtype')
p.add_argument('--threads', type=int, default=None, help='torch CPU threads')
args = p.parse_args()
if args.threads: torch.set_num_threads(args.threads)
device = torch.device(args.device or ('cuda' if torch.cuda.is_available() else 'cpu'))
amp_dtype = {'none': None, 'bf16': torch.bfloat16, 'fp16': torch.float16}[args.amp]

from nanotabstar.text_encoder import minilm_path
from nanotabstar.model import TabSTARModel, e5_small_config

# An encoder folder both implementations load: MiniLM itself, or an e5-shaped random BERT with MiniLM's tokenizer.
work = tempfile.mkdtemp()
if args.encoder == 'minilm': enc_dir = minilm_path()
else:
    from transformers import AutoTokenizer, BertModel
    torch.manual_seed(0)
    enc_dir = os.path.join(work, 'e5_shaped')
    BertModel(e5_small_config()).save_pretrained(enc_dir)
    AutoTokenizer.from_pretrained(minilm_path()).save_pretrained(enc_dir)
os.environ['E5_SMALL_LOCAL_PATH'] = enc_dir
from tabstar.arch.arch import TabStarModel
from tabstar.arch.config import TabStarConfig
from tabstar.tabstar_verbalizer import TabSTARVerbalizer

torch.manual_seed(0)
ref = TabStarModel(TabStarConfig())
ref.save_pretrained(os.path.join(work, 'ckpt'))
ours = TabSTARModel.from_pretrained(os.path.join(work, 'ckpt'), encoder_name=enc_dir)
n_layers = len(ref.text_encoder.encoder.layer)
for name, prm in ref.named_parameters():   # the reference's pretraining freeze: embeddings and bottom layers
    frozen = name.startswith(('text_encoder.embeddings', 'text_encoder.pooler')) or any(
        name.startswith(f'text_encoder.encoder.layer.{i}.') for i in range(ours.text_encoder.n_frozen))
    prm.requires_grad_(not frozen)
test_trainable = lambda m: sum(q.numel() for q in m.parameters() if q.requires_grad)
assert test_trainable(ref) == test_trainable(ours), (test_trainable(ref), test_trainable(ours))
ref.to(device)
ours.to(device)

pd.set_option("future.infer_string", False)   # the reference's verbalizer cannot read str columns
X, y = benchkit.reference_imdb()
verb = TabSTARVerbalizer(is_cls=True)
verb.fit(X, y)
data = verb.transform(X.iloc[:args.rows * (args.batches + 1)], y.iloc[:args.rows * (args.batches + 1)])
batches = [(data.x_txt[i:i + args.rows], data.x_num[i:i + args.rows], data.y[i:i + args.rows])
           for i in range(0, args.rows * (args.batches + 1), args.rows)]
warm, timed = batches[0], batches[1:]
n_strings = sum(b[0].size for b in timed); n_unique = sum(len(np.unique(b[0])) for b in timed)


def run(model, batch, train):
    x_txt, x_num, yb = batch
    with torch.autocast(device.type, dtype=amp_dtype, enabled=amp_dtype is not None):
        logits = model(x_txt=x_txt, x_num=x_num, d_output=2)
    if train:
        loss = torch.nn.functional.cross_entropy(logits.float(), torch.as_tensor(np.asarray(yb), dtype=torch.long, device=device))
        loss.backward()
        model.zero_grad(set_to_none=True)
    return logits


def measure(model, train):
    model.train(train)
    with torch.set_grad_enabled(train):
        run(model, warm, train)
        best, mem = float('inf'), 0.0
        for _ in range(args.repeats):
            with benchkit.PeakMemory(device) as m:
                if device.type == 'cuda': torch.cuda.synchronize()
                with benchkit.Timer() as t:
                    for b in timed: run(model, b, train)
                    if device.type == 'cuda': torch.cuda.synchronize()
                best = min(best, t.seconds)
            mem = max(mem, m.mb)
    return args.rows * len(timed) / best, mem


# Equal outputs first (eval mode, no dropout).
ref.eval()
ours.eval()
with torch.no_grad():
    diffs = [(run(ref, b, False).float() - run(ours, b, False).float()).abs().max().item() for b in timed]
max_diff = max(diffs)

rows = []
for phase, train in [('forward', False), ('forward+backward', True)]:
    r_ref, m_ref = measure(ref, train)
    r_ours, m_ours = measure(ours, train)
    rows.append(dict(phase=phase, ref_rows_s=r_ref, ours_rows_s=r_ours, ratio=r_ours / r_ref, ref_peak_mb=m_ref, ours_peak_mb=m_ours))

dev_name = torch.cuda.get_device_name() if device.type == 'cuda' else f'cpu ({torch.get_num_threads()} threads)'
print(f"device {dev_name}, encoder {args.encoder} ({n_layers} layers, top {n_layers - ours.text_encoder.n_frozen} trainable), "
      f"amp {args.amp}, {len(timed)} batches x {args.rows} rows x {data.x_txt.shape[1]} cells "
      f"({n_unique} unique of {n_strings} strings), max |logit diff| {max_diff:.1e}")
print(f"{'phase':18s} {'reference rows/s':>17s} {'nanotabstar rows/s':>19s} {'ratio':>6s} {'ref peak MB':>12s} {'ours peak MB':>13s}")
for r in rows:
    print(f"{r['phase']:18s} {r['ref_rows_s']:17.1f} {r['ours_rows_s']:19.1f} {r['ratio']:6.2f} {r['ref_peak_mb']:12.0f} {r['ours_peak_mb']:13.0f}")
benchkit.emit('model', device=dev_name, encoder=args.encoder, amp=args.amp, rows=args.rows, batches=len(timed),
              max_logit_diff=max_diff,
              **{f"{r['phase'].replace('+', '_')}_{k}": round(v, 3) for r in rows for k, v in r.items() if k != 'phase'})
