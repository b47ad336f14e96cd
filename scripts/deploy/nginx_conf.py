"""Render the nginx configuration for a built govnews site.

    python3 scripts/deploy/nginx_conf.py --site site --root /srv/govnews/site \\
        --listen 80 --server-name news.example.gov.cn > /etc/nginx/conf.d/govnews.conf

Fills scripts/deploy/nginx/govnews.conf.in with the paths, inlines the security headers of
govnews-headers.conf into every location, and builds the Content-Security-Policy from the
built site: every inline <script> that runs and that the project itself ships (Material's few
bootstrap snippets, overrides/, the govnews templates) is allowed by its sha256 hash, nothing
else inline. A script in the built HTML that no template holds (an editor's, however it got
there) is never hashed, so the browser refuses to run it. Rerun after every build that changes
templates or the Material version (CI does it on every deploy).

--standalone PREFIX wraps the server in a complete nginx.conf whose pid, logs and temp files
live under PREFIX: for local preview and for the browser tests
(nginx -p PREFIX -c PREFIX/nginx.conf).
"""

from __future__ import annotations

import argparse
import base64
import glob
import hashlib
import os
import re
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nginx")
TEMPLATE = os.path.join(HERE, "govnews.conf.in")
HEADERS = os.path.join(HERE, "govnews-headers.conf")
ADMIN_HEADERS = os.path.join(HERE, "govnews-admin-headers.conf")
PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"\stype\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
MAX_HASHES = 64  # more distinct inline scripts means a template prints per-page code inline
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# what a template expression inside a shipped script may print (Material's are URLs inside a
# string literal): no quotes, brackets, parentheses or spaces, so nothing that could run
_PRINTED = r"[\w.\-/:#?&=%~@+,]*"


def _executable(attrs: str) -> bool:
    if _SRC.search(attrs):
        return False
    kind = _TYPE.search(attrs)
    return (kind.group(1).lower() if kind else "") in _JS_TYPES   # JSON, JSON-LD: data, not code


def template_dirs() -> list[str]:
    """Where the project's inline scripts come from: Material, overrides/, govnews' templates."""
    try:
        import material
        theme = os.path.join(os.path.dirname(material.__file__), "templates")
    except ImportError:   # run by a Python without the requirements: the project's venv has them
        found = sorted(glob.glob(os.path.join(PROJECT, ".venv", "lib", "python3*", "site-packages", "material",
                                              "templates")))
        if not found:
            raise SystemExit("找不到 Material for MkDocs 的模板：请用安装了 requirements.txt 的 Python 运行"
                             "（如 .venv/bin/python）") from None
        theme = found[-1]
    return [theme, os.path.join(PROJECT, "overrides"), os.path.join(PROJECT, "plugins", "govnews", "site", "templates")]


def _same_material(site_dir: str, theme_dir: str) -> None:
    """Refuse templates of another Material version than the site was built with: their
    scripts would not match, and the CSP would block the site's own."""
    init = os.path.join(os.path.dirname(theme_dir), "__init__.py")
    theme = re.search(r'__version__\s*=\s*"([^"]+)"', _read(init)) if os.path.isfile(init) else None
    index = os.path.join(site_dir, "index.html")
    built = re.search(r"mkdocs-material-([\w.]+)", _read(index)) if os.path.isfile(index) else None
    if theme and built and theme.group(1) != built.group(1):
        raise SystemExit(f"站点用 Material {built.group(1)} 构建，而本 Python 的 Material 是 {theme.group(1)}："
                         "请用构建站点的那个 Python 运行（如 .venv/bin/python）")


def shipped_scripts(dirs: list[str] | None = None) -> list[re.Pattern]:
    """One pattern per inline script in the templates; template expressions become _PRINTED."""
    patterns: dict[str, re.Pattern] = {}
    for base in dirs if dirs is not None else template_dirs():
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(".html"):
                    continue
                for m in _SCRIPT.finditer(_read(os.path.join(dirpath, name))):
                    if not _executable(m.group(1)) or not m.group(2).strip():
                        continue
                    parts = _JINJA.split(m.group(2).strip())
                    source = _PRINTED.join(re.escape(part) for part in parts)
                    patterns.setdefault(source, re.compile(source, re.S))
    return list(patterns.values())


def inline_script_hashes(site_dir: str, shipped: list[re.Pattern] | None = None) -> list[str]:
    """'sha256-…' for every distinct executable inline script in the site's HTML that one of
    the project's templates ships."""
    if shipped is None:
        dirs = template_dirs()
        _same_material(site_dir, dirs[0])
        shipped = shipped_scripts(dirs)
    hashes: set[str] = set()
    foreign = 0
    for dirpath, dirnames, filenames in os.walk(site_dir):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".html"):
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8") as fh:
                html = fh.read()
            for m in _SCRIPT.finditer(html):
                attrs, body = m.group(1), m.group(2)
                if not _executable(attrs):
                    continue
                if not any(p.fullmatch(body.strip()) for p in shipped):
                    foreign += 1
                    if foreign <= 10:
                        print(f"{os.path.join(dirpath, name)}: 内联脚本不是本项目模板中的，未列入 CSP（浏览器不会运行）",
                              file=sys.stderr)
                    continue
                digest = hashlib.sha256(body.encode("utf-8")).digest()
                hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    if len(hashes) > MAX_HASHES:
        raise SystemExit(f"{len(hashes)} different inline scripts in {site_dir}: move page-specific "
                         "code into a .js file and data into <script type=\"application/json\">")
    return sorted(hashes)


def content_security_policy(script_hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ])


def admin_content_security_policy(site_dir: str) -> str:
    """The web editor's own policy: what Decap CMS needs with the git host of the site's
    admin/config.yml (generated by govnews, site/admin.py), nothing more."""
    hosts: list[str] = []
    path = os.path.join(site_dir, "admin", "config.yml")
    if os.path.isfile(path):
        import yaml  # the .venv Python (as for Material's templates)

        config = yaml.safe_load(_read(path)) or {}
        backend = config.get("backend") or {}
        name = backend.get("name")
        urls = [backend.get("base_url"), backend.get("api_root"), backend.get("proxy_url")]
        if name == "gitlab":
            urls += ["https://gitlab.com"] if not backend.get("base_url") else []
        elif name == "github":
            urls += ["https://api.github.com", "https://github.com"] if not backend.get("api_root") else []
        for url in urls:
            m = re.match(r"^(https?://[^/\s]+)", url or "")
            if m and m.group(1) not in hosts:
                hosts.append(m.group(1))
    return "; ".join([
        "default-src 'self'",
        # Decap CMS compiles its config schema with new Function (ajv): without 'unsafe-eval'
        # the editor does not start (tests/test_admin_browser.py). The public pages never get it.
        "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src " + " ".join(["'self'", "data:", "blob:", *hosts]),
        "font-src 'self' data:",
        # blob: the CMS reads a picture it is about to upload from its blob: URL
        "connect-src " + " ".join(["'self'", "blob:", *hosts]),
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def render(site_dir: str, root: str, listen: str = "80", server_name: str = "_") -> str:
    """The server block, self-contained (headers inlined)."""
    csp = content_security_policy(inline_script_hashes(site_dir))
    headers = "\n".join(line for line in _read(HEADERS).splitlines()
                        if line.strip() and not line.lstrip().startswith("#"))
    headers = headers.replace("@CSP@", csp.replace('"', '\\"'))
    admin_headers = "\n".join(line for line in _read(ADMIN_HEADERS).splitlines()
                              if line.strip() and not line.lstrip().startswith("#"))
    admin_headers = admin_headers.replace("@ADMIN_CSP@", admin_content_security_policy(site_dir).replace('"', '\\"'))
    text = _read(TEMPLATE)
    text = "# govnews nginx server, generated by scripts/deploy/nginx_conf.py: edit the template\n" + \
        text[text.index("server {"):]  # the template's usage notes stay in the template
    text = re.sub(r"^([ \t]*)include govnews-headers\.conf;[ \t]*$",
                  lambda m: "\n".join(m.group(1) + line for line in headers.splitlines()),
                  text, flags=re.M)
    text = re.sub(r"^([ \t]*)include govnews-admin-headers\.conf;[ \t]*$",
                  lambda m: "\n".join(m.group(1) + line for line in admin_headers.splitlines()),
                  text, flags=re.M)
    return (text.replace("@ROOT@", _quote(os.path.abspath(root)))
                .replace("@LISTEN@", listen)
                .replace("@SERVER_NAME@", server_name))


def _quote(path: str) -> str:
    return f'"{path}"' if re.search(r"[\s;{}#\"']", path) else path


def standalone(server_block: str, prefix: str, mime_types: str = "/etc/nginx/mime.types") -> str:
    """A complete nginx.conf around the server block; all state under `prefix`."""
    p = os.path.abspath(prefix)
    return f"""# generated by scripts/deploy/nginx_conf.py --standalone
daemon off;
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {p}/access.log;
    sendfile on;
    client_body_temp_path {p}/tmp/body;
    proxy_temp_path {p}/tmp/proxy;
    fastcgi_temp_path {p}/tmp/fastcgi;
    uwsgi_temp_path {p}/tmp/uwsgi;
    scgi_temp_path {p}/tmp/scgi;
{server_block}
}}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 nginx 配置（含按站点内联脚本计算的 CSP）")
    parser.add_argument("--site", default="site", help="构建好的站点目录（用于计算 CSP）")
    parser.add_argument("--root", help="服务器上站点目录，默认同 --site")
    parser.add_argument("--listen", default="80")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--standalone", metavar="PREFIX", help="输出完整 nginx.conf，运行文件放在 PREFIX 下")
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(args.site, "index.html")):
        print(f"{args.site}/index.html 不存在：请先构建站点", file=sys.stderr)
        return 1
    text = render(args.site, args.root or args.site, args.listen, args.server_name)
    if args.standalone:
        os.makedirs(os.path.join(args.standalone, "tmp"), exist_ok=True)
        text = standalone(text, args.standalone)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
