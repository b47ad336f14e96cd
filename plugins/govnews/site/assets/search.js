/* govnews search: Pagefind with govnews' own Chinese terms.
 *
 * The index holds overlapping character bigrams (see plugins/govnews/search/terms.py, which
 * this file mirrors exactly): a query is turned into the same bigrams, Pagefind finds the
 * pages that have all of them, and every hit is checked to contain each query word
 * literally before it is shown. Pagefind itself (pagefind.js, ~110 KB with its WebAssembly)
 * is loaded only when someone searches.
 *
 * Used by the header search box on every page and by the search page (/search/); the same
 * engine runs under Node for the quality test (module.exports).
 */
(function (root) {
  "use strict";

  // ---- terms: the twin of search/terms.py ---------------------------------------------
  const HAN = "\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  const WCH = "(?:(?![" + HAN + "])[\\p{L}\\p{N}])";
  const WORD = WCH + "+(?:[.\\-_]" + WCH + "+)*";
  const BREAK = "\u00b6";
  const SECTION = BREAK + BREAK;
  const EVERY = "govnewsall"; // in every record: what filter-only searches look up
  const LANGUAGE = "und"; // the index's language: Pagefind neither segments nor stems it
  const RE_QUERY_WORDS = new RegExp("[" + HAN + "]+|" + WORD, "gu");
  const RE_IS_HAN = new RegExp("^[" + HAN + "]", "u");
  const RE_ITEM = new RegExp("^((?:(?![" + HAN + "])[^\\p{L}\\p{N}_])*)([" + HAN + "]{1,2}|" + WORD + ")?([\\s\\S]*)$", "u");

  function fold(text) {
    let out = "";
    for (const ch of String(text)) {
      const c = ch.codePointAt(0);
      if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) {
        out += String.fromCodePoint(c - 0xfee0);
      } else if (c === 0xff0e) {
        out += ".";
      } else if (ch !== BREAK) {
        out += ch;
      }
    }
    return out;
  }

  /** The words a query asks for: Han runs and other words (punctuation and spaces split). */
  function queryWords(query) {
    return fold(query).toLowerCase().match(RE_QUERY_WORDS) || [];
  }

  /** Pagefind terms for a query: bigrams of each Han run, other words whole. */
  function queryTerms(query) {
    const terms = [];
    for (const word of queryWords(query)) {
      const chars = Array.from(word);
      let parts = [word];
      if (chars.length > 1 && RE_IS_HAN.test(word)) {
        parts = [];
        for (let i = 0; i + 1 < chars.length; i++) parts.push(chars[i] + chars[i + 1]);
      }
      for (const p of parts) if (!terms.includes(p)) terms.push(p);
    }
    return terms;
  }

  /** Indexed words → readable text, one string per record section (heading, byline, body). */
  function decode(encoded) {
    const sections = [];
    let out = [];
    let inRun = false;
    let prevWord = false;
    for (const item of String(encoded).split(/\s+/)) {
      if (!item) continue;
      if (item === SECTION) {
        sections.push(out.join("").trim());
        out = [];
        inRun = prevWord = false;
        continue;
      }
      if (item === EVERY) continue;
      if (item === BREAK) {
        out.push(" ");
        inRun = prevWord = false;
        continue;
      }
      const m = RE_ITEM.exec(item);
      const lead = m[1], core = m[2] || "", tail = m[3];
      if (lead) {
        out.push(lead);
        inRun = prevWord = false;
      }
      if (core) {
        if (RE_IS_HAN.test(core)) {
          const chars = Array.from(core);
          if (chars.length === 2) {
            out.push(inRun ? chars[1] : core);
            inRun = true;
          } else if (inRun) {
            inRun = false; // the run's closing single character
          } else {
            out.push(core);
          }
          prevWord = false;
        } else {
          if (prevWord) out.push(" ");
          out.push(core);
          inRun = false;
          prevWord = true;
        }
      }
      if (tail) {
        out.push(tail === "." ? " " : tail); // Pagefind ends blocks with "."
        inRun = prevWord = false;
      }
    }
    sections.push(out.join("").trim());
    return sections;
  }

  function normalize(text) {
    return fold(text).toLowerCase().replace(/\s+/g, "");
  }

  function containsAll(text, words) {
    const hay = normalize(text);
    return words.length > 0 && words.every((w) => hay.includes(w));
  }

  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  /** Near miss (a typo): every word is there, or a Han word of 3+ characters with one wrong
   *  (营商环竟 → 营商环境). */
  function containsMost(text, words) {
    const hay = normalize(text);
    return words.length > 0 && words.every((w) => {
      if (hay.includes(w)) return true;
      const chars = Array.from(w);
      if (chars.length < 3 || !RE_IS_HAN.test(w)) return false;
      return chars.some((_, i) => new RegExp(escapeRe(chars.slice(0, i).join("")) + "[" + HAN + "]" +
        escapeRe(chars.slice(i + 1).join("")), "u").test(hay));
    });
  }

  // ---- excerpts ---------------------------------------------------------------------------
  /** [{text, mark}] pieces of `text` around the first query word, words marked. */
  function excerpt(text, words, length) {
    length = length || 90;
    const lower = text.toLowerCase();
    const chars = Array.from(text);
    if (lower.length !== text.length || !words.length) {
      return [{ text: chars.slice(0, length).join("") + (chars.length > length ? "…" : ""), mark: false }];
    }
    const ranges = [];
    for (const w of words) {
      let at = lower.indexOf(w);
      while (at >= 0) {
        ranges.push([at, at + w.length]);
        at = lower.indexOf(w, at + w.length);
      }
    }
    ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const first = ranges.length ? ranges[0][0] : 0;
    let start = Math.max(0, first - Math.floor(length / 4));
    let end = Math.min(text.length, start + length);
    start = Math.max(0, Math.min(start, end - length));
    const pieces = [];
    let pos = start;
    for (const [a, b] of ranges) {
      if (b <= pos || a >= end) continue;
      const s = Math.max(a, pos);
      if (s > pos) pieces.push({ text: text.slice(pos, s), mark: false });
      pieces.push({ text: text.slice(s, Math.min(b, end)), mark: true });
      pos = Math.min(b, end);
    }
    if (pos < end) pieces.push({ text: text.slice(pos, end), mark: false });
    if (start > 0) pieces.unshift({ text: "…", mark: false });
    if (end < text.length) pieces.push({ text: "…", mark: false });
    return pieces;
  }

  // ---- engine: Pagefind, exact phrases, date shards loaded as needed ------------------------
  const CHECK_BUDGET = 60; // hits checked without finding one that matches: give up
  const NEAR_BUDGET = 24; // near misses (a typo): the best-matching hits checked, two batches
  const NEAR_DIRECT = 48; // near misses the routing summary names: read directly up to this many
  const BATCH = 12;     // most fragments fetched at once while checking hits
  const MIN_BATCH = 4;
  const MAX_TERMS = 16; // a pasted sentence: enough bigrams to find it, the literal check does the rest
  const SHARD_FILTER = "govnews-shard"; // search/shards.py

  function bigrams(word) {
    const chars = Array.from(word);
    const out = [];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  /** The terms a Han word needs: its three-character runs (a word of two: itself). */
  function routeTerms(word) {
    const chars = Array.from(word);
    if (chars.length < 3) return [word];
    const out = [];
    for (let i = 0; i + 2 < chars.length; i++) {
      const t = chars[i] + chars[i + 1] + chars[i + 2];
      if (!out.includes(t)) out.push(t);
    }
    return out;
  }

  /** Up to n of list, spread from its first to its last. */
  function spread(list, n) {
    if (list.length <= n) return list;
    const out = [];
    for (let i = 0; i < n; i++) out.push(list[Math.round(i * (list.length - 1) / (n - 1))]);
    return out;
  }

  /** FNV-1a, 32 bit, over UTF-8: the bucket of a term in the heading index (search/titles.py). */
  function fnv1a(text) {
    let h = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) {
      h ^= byte;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /** A Han word of 2+ characters: found exactly by Pagefind's phrase search over its bigrams,
   *  which sit at consecutive positions in the index wherever the word occurs. */
  const isPhrase = (w) => RE_IS_HAN.test(w) && Array.from(w).length > 1;

  function yearsOf(values) {
    const years = [];
    for (const v of values || []) {
      const m = /(\d{4})/.exec(String(v));
      if (m) years.push(Number(m[1]));
    }
    return years;
  }

  function createEngine(opts) {
    const bundle = opts.bundle; // URL of the pagefind/ directory, ending in "/"
    const baseUrl = opts.baseUrl || "/";
    let site = null;
    let entryP = null;
    let t2s = null;
    const cache = new Map(); // Pagefind result id → checked data
    const files = new Map(); // heading index and routing summary files, fetched once

    const fetchJSON = opts.fetchJSON || ((u) => fetch(u).then((r) => r.json()));
    const fetchBytes = opts.fetchBytes || ((u) => fetch(u).then((r) => r.arrayBuffer()));

    /**
     * The index, newest shard first (search/shards.py). Only the primary (newest) bundle is
     * opened at first; an older shard is merged in (Pagefind's mergeIndex) when a search
     * reaches it, so what a reader downloads does not grow with the age of the archive.
     */
    /** The primary bundle's pagefind-entry.json: the shards, the heading index, the routing
     *  summary (search/indexer.py); read before Pagefind, which a routed search may not need. */
    function loadEntry() {
      if (!entryP) {
        entryP = fetchJSON(bundle + "pagefind-entry.json").then((e) => {
          if (!e || !Object.keys(e.languages || {}).length) throw new Error("No language indexes");
          return e;
        });
        entryP.catch(() => { entryP = null; });
      }
      return entryP;
    }

    function load() {
      if (!site) {
        const importer = opts.importer || ((url) => import(url));
        let entry = null;
        // a site without articles has an empty bundle, which Pagefind cannot open
        site = loadEntry().then((e) => {
          entry = e;
          return importer(bundle + "pagefind.js");
        }).then(async (pf) => {
          await pf.options({ basePath: bundle, baseUrl: baseUrl, excerptLength: 0 });
          // Pagefind takes its language from <html lang> when it starts, and for zh it splits
          // queries with the browser's word segmenter (营商 → 营 商), which would undo the
          // bigrams; the index's own language (und) keeps them. The attribute is back
          // before anything can render or read it.
          const html = typeof document !== "undefined" ? document.documentElement : null;
          const lang = html ? html.getAttribute("lang") : null;
          if (html) html.setAttribute("lang", LANGUAGE);
          const started = pf.init();
          if (html) html.setAttribute("lang", lang);
          await started;
          const shards = shardsOf(entry);
          // the primary bundle: the newest shard, or a stand-in when every shard is apart
          const merged = new Map(shards.filter((s) => !s.path).map((s) => [s.name, Promise.resolve()]));
          return {
            pf: pf,
            shards: shards,
            tier: Number(entry.govnews_tier) || Infinity,
            yearFilter: entry.govnews_year_filter || null,
            titles: entry.govnews_titles || null,
            files: files, // heading index files, fetched once
            merged: merged,
            ensure(list) {
              return Promise.all(list.map((s) => {
                if (!merged.has(s.name)) merged.set(s.name, pf.mergeIndex(bundle + s.path, { baseUrl: baseUrl, language: LANGUAGE }));
                return merged.get(s.name);
              }));
            },
          };
        });
        site.catch(() => { site = null; });
      }
      return site;
    }

    function shardsOf(entry) {
      if (!entry.__shards) {
        entry.__shards = (entry.govnews_shards || [{ name: "", path: "", count: 0 }]).map((s) => Object.assign({}, s));
      }
      return entry.__shards;
    }

    // ---- the routing summary (search/route.py): which articles or shards hold a term --------
    const ROUTE_TERMS = 6; // most terms of a query looked up (any of them narrows; all would be exact)

    function routeChunk(entry, term) {
      const r = entry.govnews_route;
      const name = r.path + "r" + (fnv1a(term) % r.buckets) + ".json";
      if (!files.has(name)) {
        files.set(name, fetchJSON(bundle + name).then((c) => {
          const map = new Map();
          for (const [t, gaps] of Object.entries(c.r || {})) {
            let id = 0;
            map.set(t, { ids: gaps.map((g, i) => (id = i ? id + g : g)) });
          }
          for (const [key, list] of Object.entries(c.s || {})) {
            const shards = key === "*" ? null : new Set(key.split(","));
            for (const t of list.split(" ")) map.set(t, { shards: shards });
          }
          return map;
        }));
      }
      return files.get(name);
    }

    /** Where a term occurs: {ids} (few articles), {shards} (a Set; null: every shard); nowhere: {ids: []}. */
    async function lookup(entry, term) {
      return (await routeChunk(entry, term)).get(term) || { ids: [] };
    }

    function shardOfId(entry, id) {
      for (const s of shardsOf(entry)) if (s.ids && id >= s.ids[0] && id < s.ids[1]) return s.name;
      return null;
    }

    /** A search the summary can answer without Pagefind: it reads each candidate's fragment. */
    const canDirect = (entry) => !!(entry.govnews_route.refs && typeof DecompressionStream !== "undefined" &&
      typeof Response !== "undefined" && typeof Blob !== "undefined");

    /**
     * Where the query's Han words can occur: null (no summary, or no word to route by: every
     * shard), {ids} (the only articles that can hold every word), or {shards} (a Set of
     * shard names; empty: no article holds them all).
     */
    async function route(entry, words) {
      const phrases = words.filter(isPhrase);
      if (!entry.govnews_route || !phrases.length) return null;
      const wanted = [];
      for (const w of phrases) for (const t of routeTerms(w)) if (!wanted.includes(t)) wanted.push(t);
      const found = await Promise.all(spread(wanted, ROUTE_TERMS).map((t) => lookup(entry, t)));
      let ids = null;
      let shards = null;
      for (const f of found) {
        if (f.ids) {
          const mine = new Set(f.ids);
          ids = ids ? ids.filter((id) => mine.has(id)) : f.ids.slice();
        } else if (f.shards) {
          shards = shards ? new Set([...shards].filter((n) => f.shards.has(n))) : new Set(f.shards);
        }
      }
      if (ids) {
        if (shards) ids = ids.filter((id) => shards.has(shardOfId(entry, id)));
        return canDirect(entry) ? { ids: ids } : { shards: new Set(ids.map((id) => shardOfId(entry, id))) };
      }
      return { shards: shards };
    }

    /** The shards that hold at least `need` of the query's terms (a typo's near misses):
     *  words the summary does not know (PM2.5) count as everywhere. */
    async function nearShards(entry, grams, need, list) {
      const n = new Map(list.map((s) => [s.name, 0]));
      await Promise.all(grams.map(async (g) => {
        let where = null; // every shard
        if (entry.govnews_route && RE_IS_HAN.test(g) && Array.from(g).length === 2) {
          const f = await lookup(entry, g);
          where = f.ids ? new Set(f.ids.map((id) => shardOfId(entry, id))) : f.shards;
        }
        for (const s of list) if (!where || where.has(s.name)) n.set(s.name, n.get(s.name) + 1);
      }));
      return list.filter((s) => n.get(s.name) >= need);
    }

    /**
     * Where a near miss (containsMost: each Han word of three or more characters with at most
     * one wrong) can be: for each position of such a word, the articles or shards holding what
     * is left either side of it; a Han word of two must be there as it is. {ids}, {shards} or
     * null (anywhere: a word whose every variant is too short to route by).
     */
    async function nearRoute(entry, words) {
      if (!entry.govnews_route) return null;
      let ids = null;
      let shards = null;
      for (const w of words.filter(isPhrase)) {
        const chars = Array.from(w);
        const variants = chars.length < 3 ? [[w]] : chars.map((_, i) =>
          [chars.slice(0, i).join(""), chars.slice(i + 1).join("")].filter((p) => Array.from(p).length >= 2));
        const wIds = new Set();
        const wShards = new Set();
        let anywhere = false;
        for (const parts of variants) {
          const r = parts.length ? await route(entry, parts) : null;
          if (!r || (!r.ids && !r.shards)) {
            anywhere = true;
            break;
          }
          if (r.ids) r.ids.forEach((id) => wIds.add(id));
          else r.shards.forEach((n) => wShards.add(n));
        }
        if (anywhere) continue;
        if (!wShards.size) {
          ids = ids ? ids.filter((id) => wIds.has(id)) : [...wIds].sort((a, b) => a - b);
        } else {
          wIds.forEach((id) => wShards.add(shardOfId(entry, id)));
          shards = shards ? new Set([...shards].filter((n) => wShards.has(n))) : wShards;
        }
      }
      if (ids) return { ids: shards ? ids.filter((id) => shards.has(shardOfId(entry, id))) : ids };
      return shards ? { shards: shards } : null;
    }

    async function fragment(entry, ref) {
      const slash = ref.indexOf("/");
      const shard = shardsOf(entry).find((s) => s.name === ref.slice(0, slash));
      const buf = await fetchBytes(bundle + (shard ? shard.path : "") + "fragment/" + ref.slice(slash + 1) + ".pf_fragment");
      const stream = new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      return JSON.parse(new TextDecoder().decode(bytes.subarray(12))); // after "pagefind_dcd"
    }

    function routeFile(entry, name) {
      const key = entry.govnews_route.path + name + ".json";
      if (!files.has(key)) files.set(key, fetchJSON(bundle + key));
      return files.get(key);
    }

    /**
     * A search answered from the few articles the summary names (ids): each one's fragment is
     * read and checked to contain every query word literally, and to have the chosen filter
     * values; counts are theirs, exact. Newest first when sorted by date, else those whose
     * heading has the words first, then newest first.
     */
    async function directSearch(entry, ids, words, query, filters, sort, near) {
      const per = entry.govnews_route.refs;
      const entries = await Promise.all(ids.map(async (id) => {
        const ref = (await routeFile(entry, "f" + Math.floor(id / per)))[id % per];
        if (!ref) return null;
        const d = await fragment(entry, ref);
        d.url = baseUrl.replace(/\/$/, "") + d.url;
        const sections = decode(d.content);
        return { id: id, data: d, sections: sections, text: sections.join("\n") };
      }));
      const wanted = Object.entries(filters);
      const holds = near ? containsMost : containsAll;
      const hits = entries.filter((x) => x && holds(x.text, words) &&
        wanted.every(([name, f]) => ((x.data.filters || {})[name] || []).some((v) => f.any.includes(v))));
      const inHeading = (x) => (containsAll(x.sections[0] || "", words) ? 1 : 0);
      hits.sort((a, b) => (sort.date ? 0 : inHeading(b) - inHeading(a)) || b.id - a.id);
      const counts = {};
      for (const x of hits) {
        for (const [name, values] of Object.entries(x.data.filters || {})) {
          if (name === SHARD_FILTER) continue;
          const into = counts[name] || (counts[name] = {});
          for (const v of values) into[v] = (into[v] || 0) + 1;
        }
      }
      return {
        query: query, words: words, exact: !near && hits.length > 0, counts: !near && hits.length ? counts : null,
        total: hits.length, complete: true, routed: "articles",
        async page(n, size) {
          size = size || 10;
          return hits.slice(n * size, (n + 1) * size).map((e) => toResult(e, words, !near));
        },
        async hasMore(n, size) { return hits.length > (n + 1) * (size || 10); },
      };
    }

    function nothing(query, words, exact) {
      return { query: query, words: words, exact: exact, counts: null, total: 0, complete: true, routed: "none",
        page: async () => [], hasMore: async () => false };
    }

    /** Pagefind one call at a time: a search that loads chunks replaces the index pointer
     *  that a concurrent search still holds (seen in Chromium as searches that find nothing). */
    function serial(ctx) {
      if (!ctx.serial) {
        let last = Promise.resolve();
        const queue = (fn) => {
          const next = last.then(fn, fn);
          last = next.catch(() => {});
          return next;
        };
        ctx.serial = {
          search: (term, options) => queue(() => ctx.pf.search(term, options)),
          filters: () => queue(() => ctx.pf.filters()),
        };
      }
      return ctx.serial;
    }

    /** The shards a search may need: all, or those holding the years a year filter asks for. */
    function candidates(entry, filters) {
      const shards = shardsOf(entry);
      const yearFilter = entry.govnews_year_filter || null;
      const years = yearFilter && filters[yearFilter] ? yearsOf(filters[yearFilter].any) : [];
      if (!years.length) return shards;
      return shards.filter((s) => !s.from || years.some((y) => y >= Number(s.from.slice(0, 4)) &&
        y <= Number(s.to.slice(0, 4))));
    }

    /** How many of `list` (newest first) hold at least `want` articles. */
    function reach(list, want) {
      let n = 0;
      let k = 0;
      while (k < list.length && (k === 0 || n < want)) n += list[k++].count || 0;
      return k;
    }

    /**
     * Pagefind over some shards. Pagefind merges shards by score, and a date-sorted score is
     * a rank within one shard, so merged results would interleave the years: shards are
     * disjoint date ranges, newest first, so a date-sorted search asks each shard alone (the
     * hidden shard filter) and concatenates; filter counts add up, as shards partition the
     * articles. A merged shard outside the set is kept out by the same filter.
     */
    function over(ctx, list) {
      const pf = serial(ctx);
      const names = list.map((s) => s.name);
      const restrict = ctx.merged.size > list.length;
      const only = (options, which) => Object.assign({}, options, {
        filters: Object.assign({}, options.filters || {}, { [SHARD_FILTER]: { any: which } }),
      });
      return {
        filters: () => pf.filters(),
        async search(term, options) {
          options = options || {};
          const dated = options.sort && options.sort.date;
          if (!dated || names.length === 1) return pf.search(term, restrict ? only(options, names) : options);
          const runs = await Promise.all(names.map((name) => pf.search(term, only(options, [name]))));
          const filters = {};
          for (const run of runs) {
            for (const [key, values] of Object.entries(run.filters || {})) {
              const into = filters[key] || (filters[key] = {});
              for (const [value, n] of Object.entries(values)) into[value] = (into[value] || 0) + n;
            }
          }
          return { results: [].concat(...runs.map((r) => r.results)), filters: filters };
        },
      };
    }

    async function simplified(query) {
      if (!t2s) {
        t2s = fetchJSON(bundle + "govnews-t2s.json")
          .then((pairs) => {
            const map = new Map();
            const chars = Array.from(pairs);
            for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
            return map;
          });
      }
      const map = await t2s;
      return Array.from(query).map((c) => map.get(c) || c).join("");
    }

    async function hitData(hit) {
      if (!cache.has(hit.id)) {
        cache.set(hit.id, hit.data().then((d) => {
          const sections = decode(d.content);
          return { data: d, sections: sections, text: sections.join("\n") };
        }));
      }
      return cache.get(hit.id);
    }

    function toResult(entry, words, exact) {
      const d = entry.data;
      const sections = entry.sections;
      const body = sections[sections.length - 1] || "";
      const meta = d.meta || {};
      const inBody = words.some((w) => normalize(body).includes(w));
      const pieces = excerpt(body, inBody ? words : []);
      return {
        url: d.url,
        title: meta.title || sections[0] || d.url,
        date: meta.date || "",
        author: meta.author || "",
        town: meta.town || "",
        type: meta.type || "",
        excerpt: pieces,
        titlePieces: words.length ? excerpt(meta.title || sections[0] || "", words, 200) : [{ text: meta.title || "", mark: false }],
        exact: exact,
      };
    }

    /**
     * One search. filters: {Pagefind filter name: [values]} (values of one filter: any of them);
     * sort: "" (relevance) or "date" (newest first); size: hits the first page shows; counts:
     * true to get counts for every filter value (loads the filter chunks); all: true to search
     * every shard at once. Returns a run: .total, .exact (false: nothing contains the query
     * literally, results are near misses), .counts (per filter value), .page(n, size) →
     * results, .scope ({searched, total, from, partial}: how many articles were searched, of
     * how many, from which month; partial when older shards were not searched).
     *
     * The newest shards holding half the first tier's articles (govnews_tier) are searched first;
     * when they give fewer hits than the first page shows, older shards are added (twice as
     * many articles each round) until the page is full or every shard was searched, so a
     * rare word is found wherever it is, and a common one costs one shard.
     */
    async function search(query, options) {
      options = options || {};
      const filters = {};
      for (const [name, values] of Object.entries(options.filters || {})) {
        if (values && values.length) filters[name] = { any: values };
      }
      const words = queryWords(query || "");
      const empty = (idle) => ({ query: query, words: words, total: 0, exact: true, complete: true, idle: idle,
        counts: null, scope: null, page: async () => [], hasMore: async () => false });
      if (!words.length && !Object.keys(filters).length) return empty(true);
      let entry;
      try {
        entry = await loadEntry();
      } catch (e) {
        if (/No language indexes/.test(String(e && e.message))) return empty(false); // no articles yet
        throw e;
      }
      const sort = options.sort === "date" || !words.length ? { date: "desc" } : {};
      const size = options.size || 10;
      const all = candidates(entry, filters);
      const count = (l) => l.reduce((n, s) => n + (s.count || 0), 0);
      let found = await exactSearch(entry, all, query, words, filters, sort, size, options);
      if (!found.run.exact && words.length) {
        // nothing literal: maybe traditional characters (營商環境), tried simplified
        let alt = null;
        try { alt = await simplified(query); } catch (e) { alt = null; }
        if (alt && alt !== query) {
          const other = await exactSearch(entry, all, alt, queryWords(alt), filters, sort, size, options);
          if (other.run.exact) {
            other.run.corrected = alt;
            found = other;
          }
        }
        // still nothing: a typo? pages with most of the query's bigrams (营商环竟 → 营商, 商环),
        // in the shards that hold that many of them (the newest of those first)
        let routedNear = null;
        if (!found.run.exact) {
          try {
            routedNear = await nearRoute(entry, words);
          } catch (e) {
            routedNear = null;
          }
        }
        if (!found.run.exact && routedNear && routedNear.ids && routedNear.ids.length <= NEAR_DIRECT) {
          const allowed = new Set(all.map((s) => s.name));
          const ids = routedNear.ids.filter((id) => allowed.has(shardOfId(entry, id)));
          const run = await directSearch(entry, ids, words, query, filters, sort, true);
          found = { run: run, opened: [], skipped: 0, proven: found.proven };
        } else if (!found.run.exact) {
          const grams = queryTerms(query).slice(0, 12);
          const need = Math.max(1, grams.length - 2); // one wrong character breaks two bigrams
          let within = all;
          if (routedNear && routedNear.ids) {
            const names = new Set(routedNear.ids.map((id) => shardOfId(entry, id)));
            within = all.filter((s) => names.has(s.name));
          } else if (routedNear && routedNear.shards) {
            within = all.filter((s) => routedNear.shards.has(s.name));
          }
          let near = grams.length > 1 ? await nearShards(entry, grams, need, within) : [];
          // the newest first, then older ones (twice as many articles each round) until some
          // near miss is found, as exact hits are (exactSearch)
          const tier = Number(entry.govnews_tier) || Infinity;
          let k = options.all ? near.length : Math.min(near.length, reach(near, tier / 2));
          let run = nothing(query, words, false);
          while (k > 0) {
            const opened = near.slice(0, k);
            const ctx = await load();
            await ctx.ensure(opened);
            run = await nearSearch(over(ctx, opened), words, query, filters, sort);
            if (k >= near.length || run.total > 0) break;
            k = Math.max(k + 1, reach(near, 2 * count(opened)));
          }
          const unopened = near.slice(k);
          near = near.slice(0, k);
          found = { run: run, opened: near, skipped: count(unopened), proven: found.proven };
        }
      }
      const run = found.run;
      const list = found.opened;
      const oldest = list[list.length - 1];
      run.scope = { searched: count(all) - found.skipped, total: count(all),
        from: (found.skipped && oldest && oldest.from) || "", partial: found.skipped > 0 };
      if (found.skipped && oldest && oldest.ids) run.scope.fromId = oldest.ids[0];
      const scope = run.scope;
      // older headings with every word: none when the summary showed no article has them all
      const proven = !run.exact && found.proven;
      run.olderTitles = (limit) => (scope.partial && words.length && !Object.keys(filters).length && !proven
        ? load().then((ctx) => olderTitles(ctx, words, scope, limit || 5)) : Promise.resolve([]));
      return run;
    }

    /**
     * The hits that contain the query, from the shards `all` (newest first). With a routing
     * summary, a query whose Han words occur in few articles is answered from those articles
     * alone (directSearch), one whose words occur in no article at all opens nothing, and
     * otherwise only the shards that hold every word are searched. Of those, the newest
     * holding half the first tier's articles (govnews_tier) are searched first; when they give
     * fewer hits than the first page shows, older ones are added (twice as many articles each
     * round) until the page is full or every one was searched, so a rare word is found
     * wherever it is, and a common one costs one shard. Returns {run, opened: the shards
     * Pagefind searched, skipped: the articles of the shards that may hold hits but were not
     * searched}.
     */
    async function exactSearch(entry, all, query, words, filters, sort, size, options) {
      let routed = null;
      try {
        routed = await route(entry, words);
      } catch (e) {
        routed = null; // the summary is an optimisation: without it every shard may hold hits
      }
      if (routed && routed.ids) {
        const allowed = new Set(all.map((s) => s.name));
        const ids = routed.ids.filter((id) => allowed.has(shardOfId(entry, id)));
        return { run: await directSearch(entry, ids, words, query, filters, sort), opened: [], skipped: 0, proven: true };
      }
      const list = routed && routed.shards ? all.filter((s) => routed.shards.has(s.name)) : all;
      if (!list.length) return { run: nothing(query, words, false), opened: [], skipped: 0, proven: true };
      const ctx = await load();
      let k = options.all ? list.length : reach(list, ctx.tier / 2);
      let run;
      for (;;) {
        const opened = list.slice(0, k);
        await ctx.ensure(opened);
        run = await runSearch(over(ctx, opened), words, query, filters, sort, size, options.counts);
        if (k >= list.length || (run.exact && run.total >= size)) break;
        k = Math.max(k + 1, reach(list, 2 * opened.reduce((n, s) => n + (s.count || 0), 0)));
      }
      run.routed = routed ? "shards" : "";
      return { run: run, opened: list.slice(0, k), skipped: list.slice(k).reduce((n, s) => n + (s.count || 0), 0) };
    }

    /**
     * Older articles whose heading contains every query word, from the heading index of the
     * whole site (search/titles.py), for a search that opened only the newest shards: listed
     * apart (title, date, link), newest first, without opening their shards.
     */
    async function olderTitles(ctx, words, scope, limit) {
      const t = ctx.titles;
      if (!t) return [];
      const get = (name) => {
        const key = t.path + name + ".json";
        if (!ctx.files.has(key)) ctx.files.set(key, fetchJSON(bundle + key));
        return ctx.files.get(key);
      };
      const wanted = [];
      for (const w of words) for (const p of queryTerms(w)) if (!wanted.includes(p)) wanted.push(p);
      const lists = await Promise.all(wanted.slice(0, MAX_TERMS).map(async (term) => {
        const gaps = (await get("t" + (fnv1a(term) % t.buckets)))[term] || [];
        let id = 0;
        return gaps.map((g, i) => (id = i ? id + g : g));
      }));
      // ids from here on were searched
      const searchedFrom = scope.fromId !== undefined ? scope.fromId : t.count - scope.searched;
      let ids = lists[0] || [];
      for (const other of lists.slice(1)) {
        const set = new Set(other);
        ids = ids.filter((id) => set.has(id));
      }
      ids = ids.filter((id) => id < searchedFrom).reverse(); // newest first
      const out = [];
      for (let i = 0; i < ids.length && out.length < limit && i < 4 * limit; i++) {
        const row = (await get("d" + Math.floor(ids[i] / t.block)))[ids[i] % t.block];
        if (row && containsAll(row[1], words)) {
          out.push({ url: baseUrl.replace(/\/$/, "") + row[0], title: row[1], date: row[2] });
        }
      }
      return out;
    }

    async function nearSearch(pf, words, query, filters, sort) {
      const grams = queryTerms(query).slice(0, 12);
      const seen = new Map(); // id → {hit, n, score}
      if (grams.length > 1) {
        for (const g of grams) {
          const res = await pf.search(g, { filters: filters, sort: sort });
          res.results.forEach((hit, rank) => {
            const e = seen.get(hit.id) || { hit: hit, n: 0, score: 0, rank: rank };
            e.n += 1;
            e.score += hit.score || 0;
            e.rank = Math.min(e.rank, rank);
            seen.set(hit.id, e);
          });
        }
      }
      const need = Math.max(1, grams.length - 2); // one wrong character breaks two bigrams
      const ranked = Array.from(seen.values()).filter((e) => e.n >= need)
        .sort((a, b) => b.n - a.n || (sort.date ? a.rank - b.rank : b.score - a.score));
      const near = [];
      for (let i = 0; i < ranked.length && i < NEAR_BUDGET && near.length < 50; i += BATCH) {
        const entries = await Promise.all(ranked.slice(i, i + BATCH).map((e) => hitData(e.hit)));
        for (const entry of entries) if (containsMost(entry.text, words)) near.push(entry);
      }
      return {
        query: query, words: words, exact: false, counts: null, total: near.length, complete: true,
        async page(n, size) {
          size = size || 10;
          return near.slice(n * size, (n + 1) * size).map((e) => toResult(e, words, false));
        },
        async hasMore(n, size) { return near.length > (n + 1) * (size || 10); },
      };
    }

    /**
     * The hits that contain every query word. Each Han word of two or more characters is
     * looked up as an exact phrase (its bigrams at consecutive positions: Pagefind's quoted
     * search), so the set of matching pages is complete and exact, however common the word's
     * bigrams are elsewhere; the ranked search over all the bigrams orders them. Other words
     * (PM2.5, a lone character, a sentence longer than MAX_TERMS) are checked literally in
     * each hit's text, in rank order.
     */
    async function runSearch(pf, words, query, filters, sort, size, counts) {
      const hasQuery = words.length > 0;
      const opts = { filters: filters, sort: sort };
      const phrases = words.filter(isPhrase);
      if (counts) await pf.filters(); // Pagefind counts only the filter values it has loaded
      const [res, ...exactRuns] = await Promise.all([
        pf.search(hasQuery ? queryTerms(query).slice(0, MAX_TERMS).join(" ") : EVERY, opts),
        ...phrases.map((w) => pf.search('"' + bigrams(w).slice(0, MAX_TERMS).join(" ") + '"', opts)),
      ]);
      let hits = res.results;
      let filterCounts = res.filters || null;
      if (exactRuns.length) {
        let ids = null;
        let smallest = exactRuns[0];
        for (const r of exactRuns) {
          const mine = new Set(r.results.map((h) => h.id));
          ids = ids ? new Set([...ids].filter((id) => mine.has(id))) : mine;
          if (r.results.length < smallest.results.length) smallest = r;
        }
        hits = hits.filter((h) => ids.has(h.id));
        // one phrase: its counts are exact; several: the rarest phrase's (an upper bound)
        filterCounts = smallest.filters || filterCounts;
      }
      // words the phrase search does not settle: checked in the hits' text
      const unsure = hasQuery && words.some((w) => !isPhrase(w) || Array.from(w).length > MAX_TERMS + 1);
      const checked = []; // hits that contain every word, in rank order
      let next = 0;
      let misses = 0;
      async function fill(n) {
        if (!unsure) {
          while (checked.length < n && next < hits.length) {
            const batch = hits.slice(next, Math.min(hits.length, next + Math.max(n - checked.length, MIN_BATCH)));
            next += batch.length;
            checked.push(...await Promise.all(batch.map(hitData)));
          }
          return;
        }
        while (checked.length < n && next < hits.length && (misses < CHECK_BUDGET || checked.length > 0)) {
          const want = Math.min(BATCH, Math.max(MIN_BATCH, n - checked.length));
          const batch = hits.slice(next, next + want);
          next += batch.length;
          const entries = await Promise.all(batch.map(hitData));
          for (const entry of entries) {
            if (containsAll(entry.text, words)) checked.push(entry);
            else misses++;
          }
        }
      }
      if (unsure) await fill(size); // the first page: fetch no more fragments than it shows
      const exact = !hasQuery || (unsure ? checked.length > 0 : hits.length > 0);
      return {
        query: query,
        words: words,
        exact: exact,
        counts: exact ? filterCounts : null,
        get total() {
          if (!unsure) return hits.length;
          if (next >= hits.length) return checked.length;
          // not all checked yet: estimate from the share that checked out so far
          return Math.max(checked.length, Math.round(hits.length * checked.length / Math.max(1, next)));
        },
        get complete() { return !unsure || next >= hits.length; },
        async page(n, size) {
          size = size || 10;
          await fill((n + 1) * size);
          return checked.slice(n * size, (n + 1) * size).map((e) => toResult(e, words, true));
        },
        async hasMore(n, size) {
          size = size || 10;
          // unchecked hits left: probably more (the next page checks them)
          return checked.length > (n + 1) * size || next < hits.length;
        },
      };
    }

    return { search: search, load: load };
  }

  function fmt(n) {
    return Number(n).toLocaleString("zh-CN");
  }

  /** "2024年3月以来" for a shard's first month (YYYY-MM). */
  function since(month) {
    const m = /^(\d{4})-(\d{2})$/.exec(month || "");
    if (!m) return "";
    return m[1] + "年" + (m[2] === "01" ? "" : Number(m[2]) + "月") + "以来";
  }

  /** What was searched, when not the whole archive: said plainly, with every count. */
  function scopeNote(run) {
    const s = run.scope;
    if (!s || !s.partial) return "";
    return "（只搜索了最近的 " + fmt(s.searched) + " 篇文章" + (since(s.from) ? "，" + since(s.from) : "") +
      "；全站共 " + fmt(s.total) + " 篇）";
  }

  function describe(run, q) {
    if (!run.exact) {
      if (!run.total) return "没有找到包含「" + q + "」的文章，也没有相近的结果";
      return "没有完全包含「" + q + "」的文章，以下是相近结果";
    }
    const n = run.total;
    const prefix = run.corrected ? "已按简体「" + run.corrected + "」搜索：" : "";
    if (n === 0) return "没有找到包含「" + q + "」的文章";
    return prefix + (run.complete ? "找到 " + fmt(n) + " 篇文章" : "找到约 " + fmt(n) + " 篇文章");
  }

  const api = {
    fold: fold, queryWords: queryWords, queryTerms: queryTerms, decode: decode,
    normalize: normalize, containsAll: containsAll, containsMost: containsMost, excerpt: excerpt,
    createEngine: createEngine, EVERY: EVERY, fnv1a: fnv1a, describe: describe, scopeNote: scopeNote,
    routeTerms: routeTerms,
  };

  if (typeof module === "object" && module.exports) module.exports = api;
  root.GovnewsSearch = api;

  // ---- user interface (browsers only) -------------------------------------------------------
  if (typeof document === "undefined") return;

  function siteRoot() {
    // Material prints the relative path to the site root in #__config; pages also work
    // when the site lives below a sub-path.
    let base = ".";
    const cfg = document.getElementById("__config");
    if (cfg) {
      try { base = JSON.parse(cfg.textContent).base || "."; } catch (e) { base = "."; }
    }
    return new URL(base.replace(/\/?$/, "/"), document.baseURI);
  }

  let sharedEngine = null;
  function engine() {
    if (!sharedEngine) {
      const rootUrl = siteRoot();
      sharedEngine = createEngine({ bundle: new URL("pagefind/", rootUrl).href, baseUrl: rootUrl.pathname });
    }
    return sharedEngine;
  }
  api.engine = engine;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function marked(pieces) {
    const frag = document.createDocumentFragment();
    for (const p of pieces) frag.append(p.mark ? el("mark", { text: p.text }) : document.createTextNode(p.text));
    return frag;
  }

  function metaLine(r) {
    const parts = [r.date, r.town, r.author].filter(Boolean);
    return parts.join(" · ");
  }

  // -- header box: quick results under the input, Enter opens the search page --------------
  function setupHeader() {
    const form = document.querySelector("[data-gn-search-form='header']");
    if (!form) return;
    const input = form.querySelector("input[name=q]");
    const output = document.querySelector("[data-gn-quick]");
    const list = output && output.querySelector("ol");
    const status = output && output.querySelector("[data-gn-quick-status]");
    const toggle = document.getElementById("__search");
    let timer = null;
    let seq = 0;

    function open(on) {
      if (toggle) toggle.checked = on;
    }

    input.addEventListener("focus", () => {
      open(true);
      engine().load().catch(() => {});
    });
    // a page reached through the search page keeps its query in the box
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") {
        open(false);
        input.blur();
      } else if (ev.key === "ArrowDown" && list && list.querySelector("a")) {
        ev.preventDefault();
        list.querySelector("a").focus();
      }
    });
    if (list) {
      list.addEventListener("keydown", (ev) => {
        const links = Array.from(list.querySelectorAll("a"));
        const i = links.indexOf(document.activeElement);
        if (ev.key === "ArrowDown" && i >= 0) {
          ev.preventDefault();
          (links[i + 1] || links[i]).focus();
        } else if (ev.key === "ArrowUp" && i >= 0) {
          ev.preventDefault();
          (i === 0 ? input : links[i - 1]).focus();
        } else if (ev.key === "Escape") {
          open(false);
          input.focus();
        }
      });
    }
    if (toggle) {
      toggle.addEventListener("change", () => {
        if (toggle.checked) setTimeout(() => input.focus(), 50);
      });
    }
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(quick, 180);
    });
    form.addEventListener("reset", () => {
      if (list) list.replaceChildren();
      if (status) status.textContent = "输入关键词搜索全站文章";
    });

    async function quick() {
      const q = input.value.trim();
      const mine = ++seq;
      if (!list) return;
      if (!q) {
        list.replaceChildren();
        status.textContent = "输入关键词搜索全站文章";
        return;
      }
      status.textContent = "正在搜索…";
      let run, results;
      try {
        run = await engine().search(q, { size: 6 });
        results = await run.page(0, 6);
      } catch (e) {
        if (mine === seq) status.textContent = "搜索暂时不可用，请稍后再试。";
        return;
      }
      if (mine !== seq) return;
      const pageUrl = form.getAttribute("action") + "?q=" + encodeURIComponent(q);
      const items = results.map((r) => el("li", { class: "md-search-result__item" }, [
        el("a", { href: r.url, class: "md-search-result__link" }, [
          el("article", { class: "md-search-result__article md-typeset" }, [
            el("h1", {}, [marked(r.titlePieces)]),
            el("p", { class: "gn-quick__meta", text: metaLine(r) }),
            el("p", {}, [marked(r.excerpt)]),
          ]),
        ]),
      ]));
      items.push(el("li", { class: "md-search-result__item gn-quick__all" }, [
        el("a", { href: pageUrl, class: "md-search-result__link" }, [
          el("article", { class: "md-search-result__article md-typeset" }, [
            el("p", { text: run.exact ? "查看全部结果与筛选 →" : "在搜索页查看 →" }),
          ]),
        ]),
      ]));
      list.replaceChildren(...items);
      status.textContent = describe(run, q) + scopeNote(run);
    }
  }

  // -- the search page ------------------------------------------------------------------------
  function setupPage() {
    const page = document.querySelector("[data-gn-search-page]");
    if (!page) return;
    const form = page.querySelector("form[data-gn-search-form='page']");
    const input = form.querySelector("input[name=q]");
    const sortSel = form.querySelector("select[name=sort]");
    const status = page.querySelector("[data-gn-status]");
    // the idle hint names the page's own filters (the facets with a search filter)
    const idleHint = (status && status.getAttribute("data-gn-idle")) || "输入关键词。";
    const list = page.querySelector("[data-gn-results]");
    const more = page.querySelector("[data-gn-more]");
    const older = page.querySelector("[data-gn-older]");
    const olderTitles = page.querySelector("[data-gn-older-titles]");
    const groups = Array.from(page.querySelectorAll("[data-gn-filter]"));
    const details = page.querySelector("[data-gn-facets]");
    const columns = page.querySelector("[data-gn-columns]");
    let run = null;
    let shown = 0;
    let seq = 0;
    let timer = null;

    if (details && window.matchMedia && window.matchMedia("(max-width: 59.984375em)").matches) {
      details.open = false; // phones: filters folded above the results
    }

    function fromUrl() {
      const params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      if (sortSel) sortSel.value = params.get("sort") === "date" ? "date" : "";
      for (const group of groups) {
        const wanted = params.getAll(group.dataset.gnParam);
        for (const box of group.querySelectorAll("input[type=checkbox]")) box.checked = wanted.includes(box.value);
      }
    }

    function state() {
      const filters = {};
      for (const group of groups) {
        const values = Array.from(group.querySelectorAll("input[type=checkbox]:checked")).map((b) => b.value);
        if (values.length) filters[group.dataset.gnFilter] = values;
      }
      return { q: input.value.trim(), sort: sortSel ? sortSel.value : "", filters: filters };
    }

    function toUrl() {
      const params = new URLSearchParams();
      const s = state();
      if (s.q) params.set("q", s.q);
      if (s.sort) params.set("sort", s.sort);
      for (const group of groups) {
        for (const box of group.querySelectorAll("input[type=checkbox]:checked")) params.append(group.dataset.gnParam, box.value);
      }
      const qs = params.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
    }

    /** Counts for the current search; partial: only the newest shards were searched, so a
     *  value none of them has is unknown ("—"), not zero. */
    function updateCounts(counts, partial) {
      for (const group of groups) {
        const byValue = (counts && counts[group.dataset.gnFilter]) || null;
        for (const item of group.querySelectorAll("[data-gn-value]")) {
          const box = item.querySelector("input");
          const count = item.querySelector("[data-gn-count]");
          const n = byValue ? (byValue[box.value] || 0) : Number(item.dataset.gnTotal);
          const unknown = partial && n === 0;
          count.textContent = unknown ? "—" : String(n);
          if (unknown) count.setAttribute("title", "尚未搜索更早的文章");
          else count.removeAttribute("title");
          item.classList.toggle("gn-facet__item--empty", n === 0 && !box.checked && !unknown);
        }
      }
    }

    /** The columns a query names (营商环境 is a topic, 湖塘 starts a town): a reader who typed
     *  a column's name is offered its page, with every article in it, and not only the
     *  articles whose text holds the name. Exact names first, at most three. */
    function showColumns(q) {
      if (!columns) return;
      const want = queryWords(q).join("");
      const exact = [];
      const starts = [];
      if (Array.from(want).length >= 2) {
        for (const group of groups) {
          for (const item of group.querySelectorAll("[data-gn-value][data-gn-url]")) {
            const label = item.querySelector("input").value;
            const name = queryWords(label).join("");
            if (name === want) exact.push([group, item, label]);
            else if (name.startsWith(want)) starts.push([group, item, label]);
          }
        }
      }
      const found = exact.concat(starts).slice(0, 3);
      const parts = [];
      for (const [group, item, label] of found) {
        if (parts.length) parts.push("、");
        parts.push(el("a", { href: item.dataset.gnUrl },
          [(group.dataset.gnTitle || group.dataset.gnFilter) + "「" + label + "」全部 " + fmt(item.dataset.gnTotal) + " 篇"]));
      }
      columns.replaceChildren(...(parts.length ? ["栏目："].concat(parts) : []));
      columns.hidden = !parts.length;
    }

    function render(results, append) {
      const items = results.map((r) => el("li", { class: "gn-item gn-hit" + (r.exact ? "" : " gn-hit--approx") }, [
        el("h2", { class: "gn-item__title" }, [el("a", { href: r.url }, [marked(r.titlePieces)])]),
        el("p", { class: "gn-item__meta" }, [
          r.date ? el("span", { class: "gn-hit__date", text: r.date }) : null,
          r.town ? el("span", { class: "gn-hit__town", text: r.town }) : null,
          r.type && r.type !== "新闻" ? el("span", { class: "gn-hit__type", text: r.type }) : null,
          r.author ? el("span", { class: "gn-hit__author", text: r.author }) : null,
        ]),
        el("p", { class: "gn-item__summary" }, [marked(r.excerpt)]),
      ]));
      if (append) list.append(...items);
      else list.replaceChildren(...items);
    }

    async function showOlderTitles(r, mine) {
      if (!olderTitles) return;
      const found = r && r.olderTitles ? await r.olderTitles(5) : [];
      if (mine !== seq) return;
      olderTitles.hidden = !found.length;
      const heading = olderTitles.querySelector("h2");
      if (heading && r) heading.textContent = "更早的文章中，标题含「" + r.query + "」的：";
      olderTitles.querySelector("ol").replaceChildren(...found.map((t) => el("li", { class: "gn-item" }, [
        el("h3", { class: "gn-item__title" }, [el("a", { href: t.url, text: t.title })]),
        el("p", { class: "gn-item__meta", text: t.date }),
      ])));
    }

    function showOlder(r) {
      if (!older) return;
      const partial = !!(r && r.scope && r.scope.partial);
      older.hidden = !partial;
      if (partial) older.textContent = "搜索全部 " + fmt(r.scope.total) + " 篇文章（含更早的文章）";
    }

    async function go(all) {
      const s = state();
      toUrl();
      const active = page.querySelector("[data-gn-active]");
      const n = Object.values(s.filters).flat().length;
      if (active) active.textContent = n ? "（已选 " + n + " 项）" : "";
      const mine = ++seq;
      showColumns(s.q);
      if (!s.q && !Object.keys(s.filters).length) {
        run = null;
        list.replaceChildren();
        more.hidden = true;
        showOlder(null);
        showOlderTitles(null, mine);
        status.textContent = idleHint;
        updateCounts(null);
        page.classList.remove("gn-search--busy");
        return;
      }
      status.textContent = "正在搜索…";
      page.classList.add("gn-search--busy");
      try {
        const r = await engine().search(s.q, { filters: s.filters, sort: s.sort, counts: true, all: all === true });
        const first = await r.page(0, 10);
        const hasMore = await r.hasMore(0, 10);
        if (mine !== seq) return;
        run = r;
        shown = 1;
        render(first, false);
        more.hidden = !hasMore;
        showOlder(r);
        showOlderTitles(r, mine).catch(() => {});
        const chosen = Object.values(s.filters).flat();
        status.textContent = (s.q ? describe(r, s.q) : "共 " + fmt(r.total) + " 篇文章") +
          (chosen.length ? "（筛选：" + chosen.join("、") + "）" : "") + scopeNote(r);
        updateCounts(r.counts, !!(r.scope && r.scope.partial));
      } catch (e) {
        if (mine === seq) status.textContent = "搜索暂时不可用，请稍后再试。";
      } finally {
        if (mine === seq) page.classList.remove("gn-search--busy");
      }
    }

    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      go();
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(go, 250);
    });
    form.addEventListener("change", (ev) => {
      if (ev.target !== input) go();
    });
    const clear = page.querySelector("[data-gn-clear]");
    if (clear) {
      clear.addEventListener("click", () => {
        for (const box of page.querySelectorAll("[data-gn-filter] input:checked")) box.checked = false;
        go();
      });
    }
    if (older) older.addEventListener("click", () => go(true));
    more.addEventListener("click", async () => {
      if (!run) return;
      const mine = seq;
      const next = await run.page(shown, 10);
      const hasMore = await run.hasMore(shown, 10);
      if (mine !== seq) return;
      shown += 1;
      render(next, true);
      more.hidden = !hasMore || next.length === 0;
    });

    fromUrl();
    go();
  }

  // "/" or "s" focuses the header search box, as in Material with its own search
  function setupShortcut() {
    document.addEventListener("keydown", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (ev.key !== "/" && ev.key !== "s") return;
      const t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      const input = document.querySelector("[data-gn-search-page] input[name=q]") ||
        document.querySelector("[data-gn-search-form='header'] input[name=q]");
      if (input) {
        ev.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  function start() {
    setupHeader();
    setupPage();
    setupShortcut();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof globalThis !== "undefined" ? globalThis : this);
