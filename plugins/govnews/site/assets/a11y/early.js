/* govnews 无障碍: remembered settings applied before first paint; the toolbar loaded on demand.
   Every page loads this file: keep it small (design notes: toolbar.js). */
(function () {
  "use strict";
  var KEY = "gn-a11y", root = document.documentElement, me = document.currentScript;
  var base = me ? me.src.replace(/[^/]*$/, "") : "";
  var ATTRS = { z: "data-gn-zoom", s: "data-gn-scheme", c: "data-gn-cursor", g: "data-gn-guides", p: "data-gn-plain" };
  var s = {};
  try {
    s = JSON.parse(localStorage.getItem(KEY) || "{}") || {};
    if (localStorage.getItem("gn-font") === "large") {   // the former 大字 switch: 150 %
      if (!s.z) { s.z = 2; localStorage.setItem(KEY, JSON.stringify(s)); }
      localStorage.removeItem("gn-font");
    }
  } catch (e) { s = {}; }
  if (!s || typeof s !== "object" || s instanceof Array) { s = {}; }
  if (s.z && !/^[1-4]$/.test(s.z)) { delete s.z; }   // only values modes.css knows
  if (s.s && !/^(dark|light)$/.test(s.s)) { delete s.s; }
  var sheets = {};
  function css(name, block) {
    if (sheets[name]) { return; }
    var link = sheets[name] = document.createElement("link");
    link.rel = "stylesheet";
    link.href = base + name;
    if (block) { link.setAttribute("blocking", "render"); }
    document.head.appendChild(link);
  }
  function apply(set) {
    var on = false;
    for (var k in ATTRS) {
      if (set[k]) { root.setAttribute(ATTRS[k], String(set[k])); on = true; } else { root.removeAttribute(ATTRS[k]); }
    }
    if (on) { css("modes.css", true); }
  }
  var api = window.gnA11y = { key: KEY, base: base, settings: s, apply: apply, css: css, queue: [] };
  var loading = false;
  api.run = function (action) {   // queued until toolbar.js replaces run
    api.queue.push(action);
    if (loading) { return; }
    loading = true;
    var head = !document.body;   // from <head>: the toolbar was left open, styled before first paint
    css("modes.css", head);
    css("toolbar.css", head);
    var script = document.createElement("script");
    script.src = base + "toolbar.js";
    document.head.appendChild(script);
  };
  root.setAttribute("data-gn-a11y", "");   // script runs: the 无障碍 button shows
  apply(s);
  if (s.o || s.g || s.t) { api.run("init"); }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-gn-a11y-open]") : null;
    if (button) { event.preventDefault(); api.run("toggle"); }
  });
  document.addEventListener("keydown", function (event) {   // by key position, any layout
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && /^Digit[0-9]$/.test(event.code)) {
      event.preventDefault();
      api.run("key" + event.code.slice(5));
    }
  });
})();
