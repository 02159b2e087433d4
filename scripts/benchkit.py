"""What the benchmark scripts share: memory, timing, worker subprocesses, the reference's IMDB sample and the one
final JSON line.

Every `scripts/bench_*.py` does `import benchkit` (its own folder is on `sys.path` when it runs). Importing it puts
the repository root first on `sys.path`, so a benchmark measures the `nanotabstar` next to it, not another installed
copy; a worker subprocess gets the same through `repo_env()`. Only the standard library is imported here, so the
reference's own virtual environment can import this module too.
"""
from __future__ import annotations
import ctypes, functools, json, os, subprocess, sys, tempfile, threading, time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]   # the repository root
SCRIPTS = REPO / 'scripts'                    # this folder: a worker adds it to import benchkit
if str(REPO) not in sys.path: sys.path.insert(0, str(REPO))


# ---- memory -------------------------------------------------------------------------------------------------------

def _status_mib(key: str) -> float:
    "A memory line of /proc/self/status (VmRSS: now, VmHWM: peak), in MiB (Linux)."
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(key + ':'): return int(line.split()[1]) / 1024
    raise KeyError(f"/proc/self/status has no {key} line")


def rss_mib() -> float:
    "Resident memory of this process now, in MiB."
    return _status_mib('VmRSS')


def peak_rss_mib() -> float:
    "Peak resident memory of this process, in MiB: since it started, or since the last `reset_peak_rss()`."
    return _status_mib('VmHWM')


def reset_peak_rss():
    "Reset the kernel's peak-RSS mark to the current RSS (Linux), so the next peak is the next step's own."
    with open('/proc/self/clear_refs', 'w') as f: f.write('5')


class _MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ('arena', 'ordblks', 'smblks', 'hblks', 'hblkhd', 'usmblks', 'fsmblks',
                                                'uordblks', 'fordblks', 'keepcost')]


@functools.cache
def _mallinfo2():
    "glibc's `mallinfo2` function, loaded once."
    fn = ctypes.CDLL('libc.so.6').mallinfo2
    fn.restype = _MallInfo2
    return fn


def _heap_bytes() -> int:
    "Bytes glibc's malloc has handed out: heap blocks in use plus mmap'ed blocks (large tensors)."
    m = _mallinfo2()()
    return m.uordblks + m.hblkhd


class PeakMemory:
    "Peak memory allocated above the start of a `with` block, in MiB (`.mb`): CUDA's allocator statistics on a GPU, glibc's malloc statistics sampled every 1 ms on the CPU."
    def __init__(self, device='cpu'):  # a torch.device or its name
        self.cuda = str(device).startswith('cuda')

    def __enter__(self):
        if self.cuda:
            import torch
            torch.cuda.synchronize()
            torch.cuda.reset_peak_memory_stats()
            self.base = torch.cuda.memory_allocated()
            return self
        self.base = self.peak = _heap_bytes()
        self.stop = False
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()
        return self

    def _poll(self):
        while not self.stop:
            self.peak = max(self.peak, _heap_bytes())
            time.sleep(0.001)

    def __exit__(self, *exc):
        if self.cuda:
            import torch
            torch.cuda.synchronize()
            self.mb = (torch.cuda.max_memory_allocated() - self.base) / 2**20
            return
        self.stop = True
        self.thread.join()
        self.mb = (max(self.peak, _heap_bytes()) - self.base) / 2**20


# ---- timing -------------------------------------------------------------------------------------------------------

class Timer:
    "Wall-clock seconds of a `with` block (`time.perf_counter`), in `.seconds`."
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def best_time(fn, repeats: int) -> float:
    "The shortest of `repeats` timed calls of `fn()`, in seconds; each call's result is dropped before the next."
    times = []
    for _ in range(repeats):
        with Timer() as t: fn()
        times.append(t.seconds)
    return min(times)


# ---- worker subprocesses ------------------------------------------------------------------------------------------

def repo_env(**extra) -> dict:
    "This environment with the repository and scripts/ first on PYTHONPATH, the Hugging Face hub offline by default."
    env = dict(os.environ, **extra)
    env['PYTHONPATH'] = os.pathsep.join(p for p in (str(REPO), str(SCRIPTS), os.environ.get('PYTHONPATH')) if p)
    env.setdefault('HF_HUB_OFFLINE', '1')
    env.setdefault('TOKENIZERS_PARALLELISM', 'false')
    return env


def run_json(cmd: list, env: dict | None = None, timeout: float | None = None, marker: str = ''):
    "Run `cmd` and return the JSON of its last stdout line that starts with `marker` (marker removed); a failure raises with the end of its output."
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env or repo_env(), timeout=timeout)
    lines = [l[len(marker):] for l in p.stdout.splitlines() if l.strip() and l.startswith(marker)]
    if p.returncode or not lines:
        raise RuntimeError(f"worker {' '.join(str(c) for c in cmd[:4])} ... failed (exit {p.returncode}):\n"
                           f"{p.stdout[-2000:]}\n{p.stderr[-4000:]}")
    return json.loads(lines[-1])


def run_code(python: str, code: str, args: dict, timeout: float | None = None, env: dict | None = None):
    "Run the Python source `code` in interpreter `python` with `args` as JSON in argv[1]; return the JSON it prints after 'RESULT '."
    with tempfile.TemporaryDirectory(prefix='bench_worker_') as d:
        path = Path(d) / 'worker.py'
        path.write_text(code)
        return run_json([python, path, json.dumps(args)], env, timeout, marker='RESULT ')


# ---- data ---------------------------------------------------------------------------------------------------------

def reference_imdb():
    """The reference package's bundled IMDB sample as `(X, y)`: `tabstar/resources/imdb.csv`, 800 films x 11
    features (Title, Description, Director, Actors are text), target `Genre_is_Drama`.

    Only for benchmarks against the reference: its authors ship this table, and the figures on the product page were
    measured on it. It needs the reference installed. nanotabstar does not ship it (its redistribution terms are
    unclear); everywhere else use `nanotabstar.datasets.load_example`."""
    import pandas as pd
    try: import tabstar
    except ImportError:
        sys.exit("this benchmark compares with the reference package on its IMDB sample: pip install --no-deps tabstar==1.2.2")
    df = pd.read_csv(Path(tabstar.__file__).parent / 'resources' / 'imdb.csv')
    return df.drop(columns='Genre_is_Drama'), df['Genre_is_Drama']


# ---- output -------------------------------------------------------------------------------------------------------

def emit(bench: str, **results):
    "Print the benchmark's one final JSON line: its name under 'bench', then `results`."
    print(json.dumps({'bench': bench, **results}, default=str), flush=True)
