__version__ = "0.1.0"

# The public names, imported lazily so that `import nanotabstar` stays fast and torch is loaded only when a
# model-side name is first used. Each name lives in the module of the notebook that defines it.
_PUBLIC = {
    'TabSTARPreprocessor': 'preparation', 'VerbalizedData': 'preparation',
    'TabSTARConfig': 'config', 'get_preset': 'config',
    'load_example': 'datasets',
    'TabSTARModel': 'model',
    'TabSTARModelV1p1': 'model_v1p1', 'load_tabstar': 'model_v1p1',
    'Corpus': 'corpus', 'build_corpus': 'corpus',
    'TextCache': 'text_cache',
    'TabSTARDataLoader': 'data_loader',
    'plot_history': 'engine',
    'pretrain': 'train',
    'TabSTARClassifier': 'finetune', 'TabSTARRegressor': 'finetune',
}

def __getattr__(name):
    if name not in _PUBLIC: raise AttributeError(f"module 'nanotabstar' has no attribute {name!r}")
    from importlib import import_module
    return getattr(import_module(f'nanotabstar.{_PUBLIC[name]}'), name)

def __dir__(): return sorted(list(globals()) + list(_PUBLIC))
