/* govnews 无障碍 toolbar. How the parts load:
   - early.js, in every page's <head> (a file: the CSP runs no inline script), applies the
     remembered settings (localStorage gn-a11y) to <html> as data-gn-* attributes before first
     paint, loading modes.css render-blocking when one is on (no flash); it loads this file and
     toolbar.css only when the reader opens the toolbar (the 无障碍 button), presses
     Alt+Shift+0…9, or has on a setting that needs script (指读, 十字线, the toolbar left open);
     until then it queues the actions (gnA11y.run), which this file replays.
   - this file builds the panel into #gn-a11y-panel (in every page, empty), and provides:
   语音阅读 (the page's main text, sentence by sentence, through the browser's speech synthesis
   in Chinese; the sentence read is highlighted; pause, stop, speed; 指读: what the pointer
   rests on or the keyboard focuses), 文字放大 (5 steps, 100–200 %), 配色 (two high-contrast
   schemes and the standard one), 大鼠标, 十字辅助线, 纯文本, 重置. Settings are remembered in
   localStorage (gn-a11y) and applied by early.js on every page before first paint. */
(function () {
  "use strict";
  var api = window.gnA11y;
  if (!api || api.ready) { return; }
  api.ready = true;
  var doc = document, s = api.settings;
  var ZOOMS = ["100%", "125%", "150%", "175%", "200%"];
  var RATES = [["慢", 0.7], ["常速", 1], ["快", 1.4]];
  var SCHEMES = [["", "标准"], ["dark", "黑底白字"], ["light", "白底黑字"]];
  var SITE = api.base + "../../../";   // assets/govnews/a11y/ → the site's root
  // Alt+Shift+digit → action (the table on /accessibility/ lists the same: site/pages/accessibility.py)
  var KEYS = { 0: "toggle", 1: "read", 2: "point", 3: "bigger", 4: "smaller", 5: "scheme", 6: "cursor",
               7: "guides", 8: "plain", 9: "reset" };
  var panel, bar, status, guides = null, reading = null, pointTimer = 0;
  var synth = window.speechSynthesis, Utterance = window.SpeechSynthesisUtterance;

  // -- settings ------------------------------------------------------------------------------
  function save() {
    for (var k in s) { if (!s[k]) { delete s[k]; } }
    try { localStorage.setItem(api.key, JSON.stringify(s)); } catch (e) { /* private mode: this page only */ }
    api.apply(s);
    sync();
  }
  function say(text) { if (status) { status.textContent = ""; status.textContent = text; } }

  // -- the panel -----------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    if (text) { e.textContent = text; }
    return e;
  }
  function button(act, label, extra) {
    var b = el("button", { type: "button", "class": "gn-a11y-panel__btn", "data-act": act }, label);
    for (var k in extra || {}) { b.setAttribute(k, extra[k]); }
    return b;
  }
  function group(id, title, items) {
    var g = el("div", { "class": "gn-a11y-panel__group", role: "group", "aria-labelledby": id });
    g.appendChild(el("span", { id: id, "class": "gn-a11y-panel__title" }, title));
    for (var i = 0; i < items.length; i++) { g.appendChild(items[i]); }
    return g;
  }
  function build() {
    panel = doc.getElementById("gn-a11y-panel");
    if (!panel) {   // a page without the markup (an old theme override): add it at the top
      panel = el("div", { id: "gn-a11y-panel", "class": "gn-a11y-panel", hidden: "" });
      doc.body.insertBefore(panel, doc.body.firstChild);
    }
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "无障碍工具条");
    panel.textContent = "";
    var rates = RATES.map(function (r, i) { return button("rate", r[0], { "data-v": String(i), "aria-pressed": "false" }); });
    var schemes = SCHEMES.map(function (c) { return button("scheme", c[1], { "data-v": c[0], "aria-pressed": "false" }); });
    panel.appendChild(group("gn-a11y-g-speech", "语音阅读", [
      button("read", "朗读全文", { "aria-keyshortcuts": "Alt+Shift+1" }),
      button("pause", "暂停", { "aria-pressed": "false", disabled: "" }),
      button("stop", "停止", { disabled: "" }),
      button("point", "指读", { "aria-pressed": "false", "aria-keyshortcuts": "Alt+Shift+2" }),
      el("span", { "class": "gn-a11y-panel__sub", "aria-hidden": "true" }, "语速")
    ].concat(rates)));
    rates.forEach(function (b) { b.setAttribute("aria-label", "语速" + b.textContent); });
    var zoom = el("span", { "class": "gn-a11y-panel__value", "data-zoom": "" });
    panel.appendChild(group("gn-a11y-g-text", "文字", [
      button("smaller", "缩小", { "aria-keyshortcuts": "Alt+Shift+4", "aria-label": "文字缩小" }),
      zoom,
      button("bigger", "放大", { "aria-keyshortcuts": "Alt+Shift+3", "aria-label": "文字放大" })
    ]));
    panel.appendChild(group("gn-a11y-g-scheme", "配色", schemes));
    panel.appendChild(group("gn-a11y-g-aids", "辅助", [
      button("cursor", "大鼠标", { "aria-pressed": "false", "aria-keyshortcuts": "Alt+Shift+6" }),
      button("guides", "十字线", { "aria-pressed": "false", "aria-keyshortcuts": "Alt+Shift+7" }),
      button("plain", "纯文本", { "aria-pressed": "false", "aria-keyshortcuts": "Alt+Shift+8" })
    ]));
    var help = el("a", { href: SITE + "accessibility/", "class": "gn-a11y-panel__btn" }, "说明");
    help.setAttribute("aria-label", "无障碍说明");
    panel.appendChild(group("gn-a11y-g-more", "其他", [
      button("reset", "重置", { "aria-keyshortcuts": "Alt+Shift+9" }), help,
      button("close", "关闭", { "aria-keyshortcuts": "Alt+Shift+0 Escape", "aria-label": "关闭无障碍工具条" })
    ]));
    status = el("p", { "class": "gn-a11y-panel__status", role: "status", "aria-live": "polite" });
    panel.appendChild(status);
    // while 朗读全文 reads: pause and stop at the bottom of the window, wherever the reader scrolled
    bar = el("div", { "class": "gn-a11y-reading", role: "region", "aria-label": "朗读控制", hidden: "" });
    bar.appendChild(el("span", { "class": "gn-a11y-panel__title" }, "朗读中"));
    bar.appendChild(button("pause", "暂停", { "aria-pressed": "false" }));
    bar.appendChild(button("stop", "停止"));
    doc.body.appendChild(bar);
    [panel, bar].forEach(function (box) {
      box.addEventListener("click", function (event) {
        var b = event.target.closest("button[data-act]");
        if (b) { act(b.getAttribute("data-act"), b.getAttribute("data-v")); }
      });
    });
  }
  function pressed(selector, on) {
    var list = panel.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) { list[i].setAttribute("aria-pressed", String(!!on(list[i]))); }
  }
  function sync() {
    if (!panel) { return; }
    pressed("[data-act=rate]", function (b) { return Number(b.getAttribute("data-v")) === rateIndex(); });
    pressed("[data-act=scheme]", function (b) { return b.getAttribute("data-v") === (s.s || ""); });
    pressed("[data-act=point]", function () { return s.t; });
    pressed("[data-act=cursor]", function () { return s.c; });
    pressed("[data-act=guides]", function () { return s.g; });
    pressed("[data-act=plain]", function () { return s.p; });
    panel.querySelector("[data-zoom]").textContent = ZOOMS[s.z || 0];
    panel.querySelector("[data-act=smaller]").disabled = !s.z;
    panel.querySelector("[data-act=bigger]").disabled = (s.z || 0) >= ZOOMS.length - 1;
    var pauses = doc.querySelectorAll("[data-act=pause]"), i;
    for (i = 0; i < pauses.length; i++) {
      pauses[i].disabled = !reading;
      pauses[i].textContent = reading && reading.paused ? "继续" : "暂停";
      pauses[i].setAttribute("aria-pressed", String(!!(reading && reading.paused)));
    }
    var stops = doc.querySelectorAll("[data-act=stop]");
    for (i = 0; i < stops.length; i++) { stops[i].disabled = !reading; }
    bar.hidden = !reading || reading.single;
    var opener = doc.querySelector("[data-gn-a11y-open]");
    if (opener) { opener.setAttribute("aria-expanded", String(!panel.hidden)); }
  }
  function open(show, focus) {
    panel.hidden = !show;
    s.o = show ? 1 : 0;
    save();
    if (show && focus) { panel.querySelector("button").focus(); }
    if (!show && focus) {
      var opener = doc.querySelector("[data-gn-a11y-open]");
      if (opener) { opener.focus(); }
    }
  }

  // -- actions -------------------------------------------------------------------------------
  function act(name, value) {
    clearTimeout(pointTimer);   // a 指读 of the button just pressed must not cut in
    switch (name) {
      case "toggle": open(panel.hidden, true); break;
      case "close": open(false, true); break;
      case "read":
        if (reading && !reading.single) { pauseResume(); } else { readAll(); }
        break;
      case "pause": pauseResume(); break;
      case "stop": stop(); say("已停止朗读"); break;
      case "point":
        s.t = s.t ? 0 : 1;
        save();
        say(s.t ? "指读已开启：鼠标停留或键盘选中的内容会被朗读" : "指读已关闭");
        if (!s.t) { stop(); }
        break;
      case "rate": setRate(Number(value)); break;
      case "bigger": case "smaller":
        s.z = Math.max(0, Math.min(ZOOMS.length - 1, (s.z || 0) + (name === "bigger" ? 1 : -1)));
        save();
        say("文字大小 " + ZOOMS[s.z]);
        break;
      case "scheme":
        if (value === null || value === undefined) {   // the shortcut: the next scheme
          var at = SCHEMES.map(function (c) { return c[0]; }).indexOf(s.s || "");
          value = SCHEMES[(at + 1) % SCHEMES.length][0];
        }
        s.s = value;
        save();
        say("配色：" + SCHEMES.filter(function (c) { return c[0] === value; })[0][1]);
        break;
      case "cursor": s.c = s.c ? 0 : 1; save(); say(s.c ? "大鼠标已开启" : "大鼠标已关闭"); break;
      case "guides": s.g = s.g ? 0 : 1; save(); setGuides(); say(s.g ? "十字线已开启" : "十字线已关闭"); break;
      case "plain": s.p = s.p ? 0 : 1; save(); say(s.p ? "纯文本模式已开启" : "纯文本模式已关闭"); break;
      case "reset":
        stop();
        var wasOpen = s.o;
        for (var k in s) { delete s[k]; }
        s.o = wasOpen;
        save();
        setGuides();
        say("已恢复默认设置");
        break;
    }
  }
  function dispatch(action) {
    if (action === "init") { return; }
    if (action.indexOf("key") === 0) {
      action = KEYS[action.slice(3)];
      if (action !== "toggle" && panel.hidden && action !== "read") { open(true, false); }
    }
    act(action, null);
  }

  // -- 语音阅读 ------------------------------------------------------------------------------
  var BLOCKS = /^(H[1-6]|P|LI|DT|DD|TH|TD|CAPTION|FIGCAPTION|BLOCKQUOTE|PRE|DIV|SECTION|ARTICLE|HEADER|FOOTER|NAV|MAIN|ASIDE|UL|OL|DL|TABLE|TR|FIGURE|FORM|FIELDSET|LEGEND|SUMMARY|DETAILS|A|BUTTON|LABEL)$/;
  // not read by 朗读全文: navigation (breadcrumbs, previous/next, related articles, pages), topic chips
  var SKIP = "script,style,noscript,svg,template,[hidden],[aria-hidden=true],.headerlink,.md-content__button," +
             "nav,.gn-chips,.gn-a11y-panel,.gn-a11y-reading,.gn-visually-hidden,.gn-search-sr,[data-gn-a11y-skip]";
  // the text of an element as sentences: [{text, parts: [[textNode, start, end]…], block}]
  function sentences(top, all) {   // all: what the reader points at, breadcrumbs or toolbar included
    var skip = all ? "script,style,svg,[hidden],[aria-hidden=true],.headerlink" : SKIP;
    var walker = doc.createTreeWalker(top, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var e = n.parentElement;
        if (!e || !n.data.trim() || e.closest(skip) || !e.getClientRects().length) { return NodeFilter.FILTER_REJECT; }
        return getComputedStyle(e).visibility === "visible" ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var groups = [], cur = null, n;
    while ((n = walker.nextNode())) {
      var b = n.parentElement;
      while (b !== top && !BLOCKS.test(b.tagName)) { b = b.parentElement; }
      if (!cur || cur.block !== b) { groups.push(cur = { block: b, nodes: [] }); }
      cur.nodes.push(n);
    }
    var out = [];
    groups.forEach(function (g) {
      var text = "", at = [];
      g.nodes.forEach(function (node) { at.push([node, text.length]); text += node.data; });
      var re = /[^。！？!?；;\n]+[。！？!?；;]*[”’」』）)]*/g, m;
      while ((m = re.exec(text))) {
        var chunks = split(m[0], m.index);
        chunks.forEach(function (c) {
          var t = c[0].replace(/\s+/g, " ").trim();
          if (t) { out.push({ text: t, block: g.block, range: [locate(at, c[1]), locate(at, c[1] + c[0].length)] }); }
        });
      }
    });
    return out;
  }
  function split(text, start) {   // a long sentence in pieces at commas (some voices stop after ~15 s)
    var out = [];
    while (text.length > 120) {
      var cut = Math.max(text.lastIndexOf("，", 100), text.lastIndexOf(",", 100), text.lastIndexOf("、", 100));
      cut = cut > 20 ? cut + 1 : 100;
      out.push([text.slice(0, cut), start]);
      text = text.slice(cut);
      start += cut;
    }
    out.push([text, start]);
    return out;
  }
  function locate(at, offset) {
    for (var i = at.length - 1; i >= 0; i--) {
      if (at[i][1] <= offset) { return [at[i][0], Math.min(offset - at[i][1], at[i][0].data.length)]; }
    }
    return [at[0][0], 0];
  }
  function mainText() {   // an article: its header (title, byline) and body; else the page's content
    return doc.querySelector(".md-content article") || doc.querySelector(".md-content") || doc.body;
  }
  function chineseVoice(done) {
    if (!synth || !Utterance) { done(null, "这个浏览器不支持语音朗读。可以使用读屏软件（如 NVDA、争渡、手机自带的读屏功能）朗读本站。"); return; }
    var finished = false;
    function pick() {
      if (finished) { return; }
      var list = synth.getVoices() || [], best = null;
      for (var i = 0; i < list.length; i++) {
        var lang = String(list[i].lang || "").toLowerCase().replace("_", "-");
        if (lang === "zh-cn" || lang === "cmn-cn" || lang === "cmn-hans-cn") { best = list[i]; break; }
        if (!best && (lang.indexOf("zh") === 0 || lang.indexOf("cmn") === 0)) { best = list[i]; }
      }
      if (!best && !list.length && !waited) { return; }   // the list may come a moment later
      finished = true;
      done(best, best ? null : "本设备没有中文语音，无法朗读。请在系统设置中添加中文语音（Windows：设置 › 时间和语言 › 语音；" +
        "安卓：设置 › 无障碍 › 文字转语音），或使用读屏软件。");
    }
    var waited = false;
    pick();
    if (!finished) {
      if (synth.addEventListener) { synth.addEventListener("voiceschanged", pick); }
      setTimeout(function () { waited = true; pick(); }, 1000);
    }
  }
  function readAll() { speak(sentences(mainText()), false); }
  function readElement(element) { speak(sentences(element, true), true); }
  function speak(items, single) {
    stop();
    if (!items.length) { return; }
    var job = reading = { items: items, i: 0, paused: false, single: single, voice: null, current: null };
    sync();
    chineseVoice(function (voice, problem) {
      if (reading !== job) { return; }
      if (problem) { reading = null; sync(); say(problem); return; }
      job.voice = voice;
      if (!single) { say("正在朗读，按 Alt+Shift+1 暂停或继续，Esc 停止"); }
      next(job);
    });
  }
  function next(job) {
    if (reading !== job) { return; }
    if (job.i >= job.items.length) { stop(); if (!job.single) { say("朗读完毕"); } return; }
    var item = job.items[job.i], u = new Utterance(item.text);
    u.lang = "zh-CN";
    if (job.voice) { u.voice = job.voice; }
    u.rate = RATES[rateIndex()][1];
    u.onend = function () { if (reading === job && job.current === u) { job.i++; next(job); } };
    u.onerror = function (e) {
      if (reading !== job || job.current !== u || e.error === "interrupted" || e.error === "canceled") { return; }
      stop();
      say("朗读出错（" + e.error + "），已停止。");
    };
    job.current = u;
    mark(item);
    synth.speak(u);
  }
  function mark(item) {
    unmark();
    var r = doc.createRange();
    try {
      r.setStart(item.range[0][0], item.range[0][1]);
      r.setEnd(item.range[1][0], item.range[1][1]);
    } catch (e) { r = null; }
    if (r && window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("gn-speak", new Highlight(r));
    } else {
      item.block.classList.add("gn-speaking");
    }
    var box = (r || item.block).getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) { item.block.scrollIntoView({ block: "center" }); }
  }
  function unmark() {
    if (window.CSS && CSS.highlights) { CSS.highlights.delete("gn-speak"); }
    var old = doc.querySelectorAll(".gn-speaking");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("gn-speaking"); }
  }
  function pauseResume() {
    if (!reading) { readAll(); return; }
    if (reading.paused) { synth.resume(); reading.paused = false; say("继续朗读"); } else { synth.pause(); reading.paused = true; say("已暂停"); }
    sync();
  }
  function stop() {
    var was = reading;
    reading = null;
    if (was && synth) { was.current = null; synth.cancel(); }
    unmark();
    sync();
  }
  function rateIndex() { var r = s.r === undefined ? 1 : Number(s.r); return r >= 0 && r < RATES.length ? r : 1; }
  function setRate(i) {
    s.r = i === 1 ? 0 : String(i);   // 常速 is the default: not stored
    save();
    say("语速：" + RATES[rateIndex()][0]);
    if (reading && !reading.paused) {   // the sentence being read again at the new speed
      var job = reading;
      job.current = null;
      synth.cancel();
      next(job);
    }
  }
  // 指读: what the pointer rests on (after a moment) or what gets the keyboard focus
  var POINT = "a,button,summary,label,h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,figcaption,caption,blockquote,legend";
  function pointAt(target, now) {
    if (!s.t || !target || !target.closest) { return; }
    var e = target.closest(POINT);
    if (!e || e.closest("[hidden],[aria-hidden=true]") || (reading && reading.single && reading.element === e)) { return; }
    clearTimeout(pointTimer);
    pointTimer = setTimeout(function () {
      var label = e.getAttribute("aria-label");
      if (label && (e.tagName === "A" || e.tagName === "BUTTON")) {
        speak([{ text: label, block: e, range: [[e, 0], [e, e.childNodes.length]] }], true);
      } else {
        readElement(e);
      }
      if (reading) { reading.element = e; }
    }, now ? 0 : 300);
  }
  doc.addEventListener("mouseover", function (event) { pointAt(event.target, false); });
  doc.addEventListener("focusin", function (event) { pointAt(event.target, true); });

  // -- 十字辅助线 ------------------------------------------------------------------------------
  function setGuides() {
    if (s.g && !guides) {
      guides = [el("div", { "class": "gn-guide gn-guide--x", "aria-hidden": "true" }),
                el("div", { "class": "gn-guide gn-guide--y", "aria-hidden": "true" })];
      guides.forEach(function (g) { g.style.visibility = "hidden"; doc.body.appendChild(g); });
    }
  }
  doc.addEventListener("pointermove", function (event) {
    if (!guides || !s.g) { return; }
    guides[0].style.transform = "translateY(" + (event.clientY - 1) + "px)";
    guides[1].style.transform = "translateX(" + (event.clientX - 1) + "px)";
    guides[0].style.visibility = guides[1].style.visibility = "visible";
  }, { passive: true });

  doc.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    if (reading) { stop(); say("已停止朗读"); event.preventDefault(); return; }
    if (panel && !panel.hidden && panel.contains(doc.activeElement)) { open(false, true); }
  });
  window.addEventListener("pagehide", function () { if (reading && synth) { synth.cancel(); } });

  // -- start: the queued actions (the click or shortcut that loaded this file) ----------------
  function start() {
    build();
    panel.hidden = !s.o;
    setGuides();
    sync();
    api.run = dispatch;
    var queue = api.queue.splice(0);
    for (var i = 0; i < queue.length; i++) { dispatch(queue[i]); }
  }
  if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
