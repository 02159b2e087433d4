#!/usr/bin/env python
"""Open the rendered preview (`scripts/preview.py`) in headless Chromium and check what a reader would see.

The contents page must list every chapter, in the site's order, each link leading to its page. Then two chapters
are opened: the one with the most outputs and the one with the most images (one page when it has both). In the
browser's DOM (after the page has loaded) each must show its title, one rendered output area per code cell with
output, and every image loaded (a real width, not a broken icon).

Every link between pages must land: on a page of the preview, and on an anchor that page has (a `show_doc` section,
a heading). This part reads the HTML files and needs no browser. The browser part skips, with a message, where no
Chromium or Chrome is installed (`apt-get install -y chromium`, or set CHROME to a browser).

    python scripts/check_preview.py _preview
"""
import html, json, os, re, shutil, subprocess, sys, tempfile
from pathlib import Path

BROWSERS = ('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable')
# After the load event every image has either loaded or failed: mark each, then the page as checked.
MARK_IMAGES = '''<script>window.addEventListener('load', () => {
  for (const img of document.images) img.setAttribute('data-loaded', img.complete && img.naturalWidth > 0 ? 'yes' : 'no');
  document.body.setAttribute('data-checked', 'yes'); });</script>'''

def find_browser() -> str | None:
    "The Chromium to use: $CHROME, else the first of BROWSERS on PATH."
    if os.environ.get('CHROME'): return os.environ['CHROME']
    return next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)

def dump_dom(browser: str, page: Path, profile: Path) -> str:
    "The DOM of `page` after it loaded, from a fresh headless browser."
    cmd = [browser, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', f'--user-data-dir={profile}', '--virtual-time-budget=10000',
           '--dump-dom', page.as_uri()]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if res.returncode != 0 or '<html' not in res.stdout:
        raise RuntimeError(f"{browser} could not open {page} (exit {res.returncode}): {res.stderr[-500:]}")
    return res.stdout

def check_contents(dom: str, pages: list[dict]) -> list[str]:
    "Problems with the contents page: the chapter links, in order."
    ol = re.search(r'<ol id="chapters">(.*?)</ol>', dom, re.S)
    links = re.findall(r'<a href="([^"]+)"', ol.group(1)) if ol else []
    want = [p['page'] for p in pages]
    if links == want: return []
    first = next((i for i, (a, b) in enumerate(zip(links, want)) if a != b), min(len(links), len(want)))
    return [f"index.html links {len(links)} pages, {len(want)} expected; link {first + 1} is "
            f"{links[first] if first < len(links) else 'missing'}, expected {want[first] if first < len(want) else 'none'}"]

def check_chapter(browser: str, out: Path, p: dict, profile: Path) -> list[str]:
    "Problems with one chapter as the browser shows it: title, output areas, images."
    marked = out / f".check_{p['page']}"
    marked.write_text((out / p['page']).read_text(encoding='utf-8').replace('</body>', MARK_IMAGES + '</body>'), encoding='utf-8')
    try: dom = dump_dom(browser, marked, profile)
    finally: marked.unlink()
    problems = []
    if 'data-checked="yes"' not in dom: problems.append(f"{p['page']}: the page never finished loading")
    if f">{p['title']}<" not in dom.replace('&amp;', '&'): problems.append(f"{p['page']}: no title {p['title']!r}")
    n_out = len(re.findall(r'class="[^"]*\bjp-OutputArea-output\b', dom))
    if n_out < p['outputs']: problems.append(f"{p['page']}: {n_out} output areas shown, {p['outputs']} code cells have output")
    imgs = re.findall(r'<img\b[^>]*>', dom)
    loaded = [i for i in imgs if 'data-loaded="yes"' in i]
    if len(imgs) < p['images']: problems.append(f"{p['page']}: {len(imgs)} images in the page, {p['images']} expected")
    if len(loaded) < len(imgs): problems.append(f"{p['page']}: {len(imgs) - len(loaded)} of {len(imgs)} images did not load")
    print(f"  {p['page']}: title, {n_out} output areas ({p['outputs']} expected), {len(loaded)}/{len(imgs)} images loaded "
          f"({p['images']} expected)")
    return problems

def check_links(out: Path) -> list[str]:
    "Links from one page of the preview to another (or within one) that lead to no page, or to no anchor on it."
    pages = {f.name: f.read_text(encoding='utf-8') for f in out.glob('*.html') if not f.name.startswith('.')}
    # Quarto lower-cases heading ids, nbconvert keeps their case: compare lower-cased
    ids = {name: {html.unescape(i).lower() for i in re.findall(r'\bid="([^"]+)"', text)} for name, text in pages.items()}
    problems = []
    for name, text in sorted(pages.items()):
        for href in map(html.unescape, re.findall(r'<a\b[^>]*\bhref="([^"]+)"', text)):
            if re.match(r'[a-z]+:', href): continue   # http(s), mailto, data: outside the preview
            page, _, anchor = href.partition('#')
            page = page or name
            if page not in pages: problems.append(f"{name}: a link to {href!r}, a page the site does not have")
            elif anchor and anchor.lower() not in ids[page]: problems.append(f"{name}: a link to {href!r}, an anchor {page} does not have")
    return problems

def check_preview(out: Path) -> int:
    "Exit code: 0 when every link lands and the preview reads well in the browser (or no browser is installed), 1 otherwise."
    links = check_links(out)
    for pr in links: print(f"FAIL {pr}")
    print(f"check_preview: every link between pages lands" if not links else f"check_preview: {len(links)} links lead nowhere")
    browser = find_browser()
    if browser is None:
        print("SKIP check_preview: no Chromium or Chrome found (apt-get install -y chromium, or set CHROME=...); "
              "the preview was rendered but not opened in a browser")
        return 1 if links else 0
    pages = json.loads((out / 'pages.json').read_text())
    most_out = max(pages, key=lambda p: (p['outputs'], p['images']))
    most_img = max(pages, key=lambda p: (p['images'], p['outputs']))
    if most_out['outputs'] == 0: return print("FAIL check_preview: no page shows any output") or 1
    with tempfile.TemporaryDirectory(prefix='check_preview_') as profile:
        print(f"check_preview with {browser}:")
        problems = check_contents(dump_dom(browser, out / 'index.html', Path(profile)), pages)
        print(f"  index.html: {len(pages)} chapters linked in order" if not problems else f"  index.html: {problems[0]}")
        for p in {most_out['page']: most_out, most_img['page']: most_img}.values():
            problems += check_chapter(browser, out, p, Path(profile))
    for pr in problems: print(f"FAIL {pr}")
    return 1 if problems or links else 0

if __name__ == '__main__':
    if len(sys.argv) != 2: sys.exit(__doc__)
    sys.exit(check_preview(Path(sys.argv[1]).resolve()))
