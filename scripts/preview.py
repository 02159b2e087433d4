#!/usr/bin/env python
"""Render the course to static HTML without Quarto: a local preview of the docs site.

nbdev's docs processing (`scripts/check_docs.py`, on a copy of the tree) gives the pages as the site would show
them: hidden cells gone, `show_doc` tables filled in, every other output as committed. Each processed notebook is
then turned into one self-contained HTML page by nbconvert (images embedded), and `index.html` lists the chapters in
the site's order. Quarto's own layout (sidebar, search, callouts) is not reproduced; the content is.

    bash scripts/preview.sh                   # writes _preview/; open _preview/index.html in a browser
    python scripts/preview.py --out DIR       # elsewhere
    python scripts/preview.py --proc DIR      # from notebooks processed before (`check_docs.py --proc DIR`)
"""
import argparse, configparser, html, json, re, sys, tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

HOME = 'home.html'  # the product page (nbs/index.ipynb); index.html is the list of chapters
_DIRECTIVE = re.compile(r'^#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')

def frontmatter(nb: dict) -> dict:
    "The YAML front matter nbdev puts in the first raw cell (title, description, output-file), or {}."
    import yaml
    for cell in nb['cells']:
        src = ''.join(cell['source']).strip()
        if cell['cell_type'] == 'raw' and src.startswith('---'): return yaml.safe_load(src.strip('-\n')) or {}
    return {}

def doc_url() -> str:
    "The published site's address (settings.ini's doc_host + doc_baseurl), which nbdev's links start with."
    cfg = configparser.ConfigParser()
    cfg.read(root / 'settings.ini')
    return cfg['DEFAULT']['doc_host'].rstrip('/') + cfg['DEFAULT']['doc_baseurl'].rstrip('/') + '/'

def page_name(nb_name: str, fm: dict) -> str:
    "The HTML file a processed notebook becomes: Quarto's `output-file`, the product page as `home.html`."
    if nb_name == 'index.ipynb': return HOME
    return fm.get('output-file') or Path(nb_name).with_suffix('.html').name

def prepare(nb: dict, fm: dict, site: str, names: dict) -> dict:
    "What Quarto would show: a title, no `#|` lines, inputs hidden where `echo: false`, site links made local."
    cells = []
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        if cell['cell_type'] == 'raw' and src.strip().startswith('---'):
            head = f"# {fm.get('title', '')}" + (f"\n\n> {fm['description']}" if fm.get('description') else '')
            cells.append({'cell_type': 'markdown', 'metadata': {}, 'source': head, 'id': 'title'})
            continue
        if cell['cell_type'] == 'code':
            lines = src.splitlines()
            opts = dict(m.groups() for m in map(_DIRECTIVE.match, lines) if m)
            if opts.get('include') == 'false': continue
            cell = {**cell, 'source': '\n'.join(l for l in lines if not _DIRECTIVE.match(l)).strip('\n')}
            tags = list(cell.get('metadata', {}).get('tags', []))
            if opts.get('echo') == 'false': tags.append('remove_input')
            if opts.get('output') == 'false': cell['outputs'] = []
            if opts.get('output') == 'asis':   # printed markdown (a table of fields, say): Quarto renders it as markdown
                cell['outputs'] = [{'output_type': 'display_data', 'metadata': {}, 'data': {'text/markdown': ''.join(o['text'])}}
                                   if o.get('output_type') == 'stream' else o for o in cell.get('outputs', [])]
            cell['metadata'] = {**cell.get('metadata', {}), 'tags': tags}
        cells.append({**cell, 'id': cell.get('id') or f'cell-{len(cells)}'})  # nbformat 4.5 wants cell ids
    text = json.dumps({**nb, 'cells': cells, 'nbformat': 4, 'nbformat_minor': 5})
    for nb_name, page in names.items(): text = text.replace(f'({nb_name})', f'({page})').replace(f'({nb_name}#', f'({page}#')
    text = re.sub(r'\{target=\\"_blank\\"[^}]*\}', '', text)  # Quarto's link attributes in show_doc's output
    text = re.sub(re.escape(site) + r'([\w.-]+\.html)', lambda m: HOME if m.group(1) == 'index.html' else m.group(1), text)
    return json.loads(text)

def nav(pages: list[dict], i: int) -> str:
    "The bar at the top of page i: the list of chapters, the previous and the next page."
    link = lambda p, arrow: f'<a href="{p["page"]}">{arrow} {html.escape(p["title"])}</a>'
    parts = ['<a href="index.html">nanotabstar: the course</a>']
    if i > 0: parts.append(link(pages[i - 1], '&larr;'))
    if i + 1 < len(pages): parts.append(link(pages[i + 1], '&rarr;'))
    return ('<nav class="preview-nav" style="font-family: sans-serif; padding: 8px 16px; border-bottom: 1px solid #ddd;">'
            + ' &middot; '.join(parts) + '</nav>')

def render_page(nb: dict, proc_dir: Path) -> str:
    "One notebook as a self-contained HTML page (nbconvert's lab template, markdown images embedded)."
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    import nbformat
    exporter = HTMLExporter(template_name='lab', embed_images=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'remove_input'}), enabled=True)
    body, _ = exporter.from_notebook_node(nbformat.reads(json.dumps(nb), as_version=4), resources={'metadata': {'path': str(proc_dir)}})
    return body

def count_shown(nb: dict) -> dict:
    "What a page must show: code cells with output, image outputs, and markdown images."
    code = [c for c in nb['cells'] if c['cell_type'] == 'code']
    images = sum(1 for c in code for o in c.get('outputs', []) if 'image/png' in o.get('data', {}))
    images += sum(len(re.findall(r'!\[[^\]]*\]\(', ''.join(c['source']))) for c in nb['cells'] if c['cell_type'] == 'markdown')
    return {'outputs': sum(1 for c in code if c.get('outputs')), 'images': images}

def contents_page(pages: list[dict]) -> str:
    "index.html: every page in the site's order, with its title and summary."
    items = '\n'.join(f'<li><a href="{p["page"]}">{html.escape(p["title"])}</a> <code>{p["notebook"]}</code>'
                      f'<br><span class="summary">{html.escape(p["description"])}</span></li>' for p in pages)
    return f'''<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>nanotabstar: the course (local preview)</title>
<style>body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.4; }}
li {{ margin-bottom: 0.8em; }} .summary {{ color: #555; }} code {{ color: #888; font-size: 0.85em; }}</style></head>
<body><h1>nanotabstar: the course</h1>
<p>A local preview of the docs site, rendered from the notebooks by <code>scripts/preview.py</code> (nbdev's processing,
then nbconvert; the published site is built by Quarto). Read the chapters in order.</p>
<ol id="chapters">
{items}
</ol></body></html>
'''

def sidebar_order(contents: list) -> list[str]:
    "The notebooks of the site's sidebar (`nbs/sidebar.yml`), in its order, its sections flattened."
    order = []
    for c in contents:
        if isinstance(c, str) and c.endswith('.ipynb'): order.append(c)
        elif isinstance(c, dict): order += sidebar_order(c.get('contents', []))
    return order

def render(proc_dir: Path, out: Path) -> list[dict]:
    "Write every processed notebook of `proc_dir` as a page in `out`, with index.html and pages.json; the pages."
    import yaml
    order = sidebar_order(yaml.safe_load((proc_dir / 'sidebar.yml').read_text())['website']['sidebar']['contents'])
    missing = sorted({p.name for p in proc_dir.glob('*.ipynb')} - set(order))
    if missing: sys.exit(f"nbs/sidebar.yml leaves out {', '.join(missing)}: add each to a section, or the site has no link to it")
    nbs = {n: json.loads((proc_dir / n).read_text()) for n in order}
    fms = {n: frontmatter(nb) for n, nb in nbs.items()}
    names = {n: page_name(n, fms[n]) for n in order}
    pages = [dict(notebook=n, page=names[n], title=fms[n].get('title', n), description=fms[n].get('description', ''))
             for n in order]
    out.mkdir(parents=True, exist_ok=True)
    site = doc_url()
    for i, p in enumerate(pages):
        nb = prepare(nbs[p['notebook']], fms[p['notebook']], site, names)
        p.update(count_shown(nb))
        body = render_page(nb, proc_dir)
        body = re.sub(r'(<body[^>]*>)', lambda m: m.group(1) + nav(pages, i), body, count=1)
        (out / p['page']).write_text(body, encoding='utf-8')
    (out / 'index.html').write_text(contents_page(pages), encoding='utf-8')
    (out / 'pages.json').write_text(json.dumps(pages, indent=1))
    return pages

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    ap.add_argument('--out', type=Path, default=root / '_preview', help='folder to write the pages to')
    ap.add_argument('--proc', type=Path, help="nbdev's processed notebooks (check_docs.py --proc); made afresh if absent")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix='preview_') as tmp:
        proc = args.proc
        if proc is None:
            from check_docs import check_docs
            proc = Path(tmp) / '_proc'
            if check_docs(proc): sys.exit(1)
        pages = render(proc.resolve(), args.out.resolve())
    print(f"preview: {len(pages)} pages in {args.out}; open {args.out / 'index.html'} in a browser")
