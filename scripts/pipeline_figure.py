#!/usr/bin/env python
"""Draw the course's pipeline, from a raw table to a fine-tuned model, as nbs/images/pipeline.png (for the product page)."""
from pathlib import Path
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

STAGES = [  # (title, what it does, notebook)
    ('raw tables', 'DataFrames, CSV,\nParquet, OpenML', '03_datasets'),
    ('verbalize', 'every cell a string,\nnumbers beside them', '01_preparation'),
    ('corpus', 'split before fit,\nHDF5, resumable', '03a_corpus'),
    ('text encoder\n+ cache', '[CLS] or mean vector,\neach string once', '04a, 05'),
    ('TabSTAR model', 'fusion, interaction,\ntarget tokens', '04_model'),
    ('pretrain', 'many tables,\none engine', '07_engine, 07a'),
    ('fine-tune', 'LoRA, scikit-learn\nestimators', '08_lora, 08a'),
]

def draw(path: Path) -> None:
    fig, ax = plt.subplots(figsize=(11, 2.1))
    w, h, gap = 1.35, 1.1, 0.22
    for i, (title, what, nb) in enumerate(STAGES):
        x = i * (w + gap)
        ax.add_patch(FancyBboxPatch((x, 0), w, h, boxstyle='round,pad=0.03', fc='#eef4fb' if i % 2 else '#f7f7f7', ec='#4a6fa5'))
        ax.text(x + w / 2, h - 0.22, title, ha='center', va='center', fontsize=9, weight='bold')
        ax.text(x + w / 2, 0.45, what, ha='center', va='center', fontsize=7)
        ax.text(x + w / 2, 0.1, nb, ha='center', va='center', fontsize=6.5, color='#555555', family='monospace')
        if i: ax.annotate('', xy=(x - 0.02, h / 2), xytext=(x - gap + 0.02, h / 2), arrowprops=dict(arrowstyle='->', color='#4a6fa5'))
    ax.set_xlim(-0.1, len(STAGES) * (w + gap)); ax.set_ylim(-0.1, h + 0.1); ax.axis('off')
    fig.tight_layout()
    fig.savefig(path, dpi=90)

if __name__ == '__main__':
    out = Path(__file__).resolve().parents[1] / 'nbs' / 'images' / 'pipeline.png'
    draw(out)
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
