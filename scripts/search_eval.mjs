// Run search queries against a built site's Pagefind bundle with Pagefind's own JavaScript.
//
//   node scripts/search_eval.mjs SITE_DIR [govnews|raw] < queries.json > results.json
//
// queries.json: [{"q": "营商环境", "filters": {"地区": ["武进区"]}, "sort": "date"}, …]
// govnews: the site's own engine (assets/search.js: bigram terms + literal check);
// raw: pagefind.search(q) as Pagefind ships it (for before/after figures).
// Files are read from disk (fetch is shimmed for file: URLs), and every byte fetched is
// counted per query ("bytes"), the first query including pagefind.js and its WebAssembly.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const siteDir = resolve(process.argv[2]);
const mode = process.argv[3] || "govnews";
const queries = JSON.parse(readFileSync(0, "utf8"));
const bundle = pathToFileURL(join(siteDir, "pagefind") + "/").href;

let bytes = 0;
let fetched = []; // files below pagefind/ each query fetched, e.g. "2019/pf_meta/…" (older shards)
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const href = String(url instanceof Request ? url.url : url);
  if (!href.startsWith("file:")) return realFetch(url, init);
  const body = readFileSync(fileURLToPath(href));
  bytes += body.length;
  fetched.push(href.slice(bundle.length));
  return new Response(body, { status: 200, headers: { "content-type": href.endsWith(".wasm") || href.endsWith(".pagefind") ? "application/wasm" : "application/octet-stream" } });
};

const pfPath = join(siteDir, "pagefind", "pagefind.js");
bytes += readFileSync(pfPath).length;
const out = [];

if (mode === "raw") {
  const pf = await import(pathToFileURL(pfPath).href);
  await pf.options({ basePath: bundle, baseUrl: "/" });
  await pf.init();
  // date shards (search/shards.py), merged as Pagefind merges any multisite index
  const entry = JSON.parse(readFileSync(join(siteDir, "pagefind", "pagefind-entry.json"), "utf8"));
  for (const shard of entry.govnews_shards || []) {
    if (shard.path) await pf.mergeIndex(bundle + shard.path, { baseUrl: "/" });
  }
  for (const item of queries) {
    bytes = 0;
    const filters = {};
    for (const [k, v] of Object.entries(item.filters || {})) filters[k] = { any: v };
    const res = await pf.search(item.q || null, { filters, sort: item.sort === "date" || !item.q ? { date: "desc" } : {} });
    const top = await Promise.all(res.results.slice(0, item.limit || 10).map((r) => r.data()));
    out.push({ q: item.q, results: top.map((d) => d.url), total: res.results.length, exact: true, bytes });
  }
} else {
  const require = createRequire(import.meta.url);
  const api = require(join(here, "..", "plugins", "govnews", "site", "assets", "search.js"));
  const engine = api.createEngine({
    bundle,
    baseUrl: "/",
    fetchJSON: async (u) => {
      const text = readFileSync(fileURLToPath(u), "utf8");
      bytes += Buffer.byteLength(text);
      fetched.push(String(u).slice(bundle.length));
      return JSON.parse(text);
    },
  });
  for (const item of queries) {
    bytes = 0;
    fetched = [];
    const run = await engine.search(item.q || "", { filters: item.filters || {}, sort: item.sort || "",
      size: item.limit || 10, all: !!item.all, counts: !!item.counts });
    const page = await run.page(0, item.limit || 10);
    const older = item.older && run.olderTitles ? await run.olderTitles(item.older) : null;
    out.push({
      q: item.q, results: page.map((r) => r.url), total: run.total, exact: run.exact,
      corrected: run.corrected || null, bytes, fetched, older, scope: run.scope || null, counts: run.counts || null,
      first: page[0] ? { title: page[0].title, date: page[0].date, town: page[0].town, author: page[0].author, excerpt: page[0].excerpt } : null,
    });
  }
}
process.stdout.write(JSON.stringify(out));
