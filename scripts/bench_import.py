"""Migration throughput: `govnews import DIR` on N saved pages of an old government site.

    python3 scripts/bench_import.py [N]        # N defaults to 1,000 (keep it there on shared machines)

Pages are generated from the layouts in tests/fixtures/pages (saved HTML and copied text):
each copy gets its own title, date, numbers and paragraph order, and one page in fifty is
saved twice, so the run also exercises duplicate detection. The real command runs in a
fresh project (writing articles and the report file), then runs again to time the resume
(everything already imported). Target: 1,000 pages well under a minute on 2 cores.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
WORDS = "青石 柳岸 北湖 云溪 大河 东坪 南山 红岭 泽源 龙泉 白沙 桃源 石门 东关 青山".split()
TOPICS = "防汛 消防 普法 医保 植树 体检 征兵 培训 审计 展销 演练 宣传".split()


def vary(text: str, rng: random.Random, k: int) -> str:
    """Another article in the same layout: other names, numbers, dates, paragraph order."""
    place = rng.choice(WORDS)
    text = re.sub("|".join(WORDS), lambda m: place, text)
    text = re.sub("|".join(TOPICS), lambda m: rng.choice(TOPICS), text)
    year = str(rng.randint(2012, 2024))
    text = re.sub(r"20[12]\d(?=[-年/])", year, text)
    text = re.sub(r"(?<![\d-])(\d{2,3})(?=余|人|家|户|株|次)", lambda m: str(rng.randint(10, 999)), text)
    # a serial in every title and paragraph, so each page is its own article
    text = re.sub(r"(开展|召开|举办|启动|完成|进入)", lambda m: f"第{k}次{m.group(1)}", text)
    text = re.sub(r"。(?=\s*(?:</p>|\n))", f"（{k}）。", text, count=2)
    paras = re.findall(r"<p>[^<]{30,}</p>", text)
    if len(paras) >= 3:
        a, b = rng.sample(range(len(paras)), 2)
        text = text.replace(paras[a], "\0A").replace(paras[b], paras[a]).replace("\0A", paras[b])
    return text


def make_site(dest: Path, n: int) -> int:
    rng = random.Random(11)
    layouts = sorted(p for p in PAGES.iterdir() if p.suffix in (".html", ".txt"))
    sources = {p: (p.read_bytes().decode("gb18030") if p.name.startswith("gbk") else p.read_text(encoding="utf-8"))
               for p in layouts}
    written = twins = 0
    k = 0
    while written < n:
        layout = layouts[k % len(layouts)]
        folder = dest / f"column{k % 7}" / str(2012 + k % 13)
        folder.mkdir(parents=True, exist_ok=True)
        text = vary(sources[layout], rng, k)
        name = f"{k:05d}{layout.suffix}"
        data = text.encode("gb18030") if layout.name.startswith("gbk") else text.encode("utf-8")
        (folder / name).write_bytes(data)
        written += 1
        if k % 50 == 7 and written < n:      # the same page saved again in another column
            (dest / f"column{(k + 3) % 7}").mkdir(exist_ok=True)
            (dest / f"column{(k + 3) % 7}" / f"copy-{name}").write_bytes(data)
            written += 1
            twins += 1
        k += 1
    return twins


def run(project: Path, site: Path) -> tuple[float, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "plugins"))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "govnews.cli.commands", "import", str(site), "--report", "report.csv"],
                          cwd=project, capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(proc.stderr[-2000:] or proc.stdout[-2000:])
    return dt, proc.stdout.strip().splitlines()[-2 if "没有新建" in proc.stdout else -1]


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        site = tmp_path / "old-site"
        twins = make_site(site, n)
        project = tmp_path / "project"
        (project / "docs").mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", project / "overrides")
        shutil.copytree(ROOT / "docs" / "_vocab", project / "docs" / "_vocab")
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        dt, summary = run(project, site)
        print(f"{n} pages ({twins} saved twice, {size / 1e6:.1f} MB): first import {dt:.1f} s "
              f"({n / dt:.0f} pages/s) — {summary}")
        dt2, summary2 = run(project, site)
        print(f"re-run (resume, everything imported): {dt2:.1f} s — {summary2}")
        rows = (project / "report.csv").read_text(encoding="utf-8-sig").count("\n") - 1
        print(f"report.csv: {rows} rows")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="?", type=int, default=1000, help="saved pages to generate (default 1000)")
    main(parser.parse_args().pages)
