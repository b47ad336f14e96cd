// govnews: the web editor's own script, loaded after decap-cms.js and js-yaml.min.js (an inline
// script would be refused by /admin/'s Content-Security-Policy).
//
// "govnews-frontmatter": Decap's own front-matter format parses the YAML and writes it anew,
// which drops the comments editors and the importer wrote (why a date was inferred, what a
// policy number still needs), moves unknown keys to the end and rewrites [a, b] lists as
// blocks. This format keeps the front matter as it was written and changes only the keys whose
// value the form changed: a changed key's lines are replaced in place, a cleared key's lines
// removed, a new key added at the end; comments, unknown keys, key order and layout stay.
// Values are read with YAML's JSON schema (a date stays the text it was) and written as
// `govnews new` writes them (plain where YAML 1.1 reads the same text back, [a, b] lists).
/* global CMS, jsyaml */
(function () {
  "use strict";
  if (typeof CMS === "undefined" || typeof jsyaml === "undefined") {
    return;
  }
  var ORIGINAL = "__govnews_front_matter";   // the front matter as read, carried in the entry
  var FENCED = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)([\s\S]*)$/;
  var KEY = /^(?:"([^"]+)"|'([^']+)'|([^\s#:'"\-][^:]*?))[ \t]*:(?:[ \t]|$)/;
  var YAML11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
  var NUMBERISH = /^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?0o?[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?)$/;

  function parse(text) {
    var data = jsyaml.load(text, { schema: jsyaml.JSON_SCHEMA });
    return data && typeof data === "object" && !Array.isArray(data) ? data : {};
  }

  function plain(text, inFlow) {
    if (text === "" || text !== text.trim() || /[\n\r\t]/.test(text)) {
      return false;
    }
    if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #/.test(text)) {
      return false;
    }
    if (inFlow && /[,\[\]{}]/.test(text)) {
      return false;
    }
    return !YAML11_WORDS.test(text) && !NUMBERISH.test(text);
  }

  function scalar(value, inFlow) {
    if (value === null || value === undefined) {
      return '""';
    }
    if (typeof value === "boolean" || typeof value === "number") {
      return String(value);
    }
    var text = String(value);
    return plain(text, inFlow) ? text : JSON.stringify(text);
  }

  function isScalar(value) {
    return value === null || ["string", "number", "boolean"].indexOf(typeof value) >= 0;
  }

  function entry(key, value) {
    var name = plain(key, false) ? key : JSON.stringify(key);
    if (Array.isArray(value) && value.every(isScalar)) {
      return name + ": [" + value.map(function (v) { return scalar(v, true); }).join(", ") + "]";
    }
    if (isScalar(value)) {
      return name + ": " + scalar(value, false);
    }
    var one = {};
    one[key] = value;
    return jsyaml.dump(one, { schema: jsyaml.JSON_SCHEMA, lineWidth: -1 }).replace(/\n$/, "");
  }

  function empty(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0);
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // the front matter's top-level keys: [{key, start, end}] over its lines (end exclusive);
  // a key's block is its line and the indented or "- " lines after it
  function blocks(lines) {
    var out = [];
    var current = null;
    lines.forEach(function (line, i) {
      var m = KEY.exec(line);
      if (m) {
        current = { key: m[1] || m[2] || m[3], start: i, end: i + 1 };
        out.push(current);
      } else if (current && current.end === i && /^(?:[ \t]+\S|- |-$)/.test(line)) {
        current.end = i + 1;
      } else {
        current = null;
      }
    });
    return out;
  }

  function fromFile(content) {
    var m = FENCED.exec(content);
    if (!m) {
      return { body: content };
    }
    var data = parse(m[1]);
    data.body = m[2];
    data[ORIGINAL] = m[1];
    return data;
  }

  // fields: the collection's field names (Decap passes them): a field the form left out was cleared
  function toFile(data, fields) {
    var values = {};
    Object.keys(data).forEach(function (key) {
      if (key !== "body" && key !== ORIGINAL) {
        values[key] = data[key];
      }
    });
    var original = typeof data[ORIGINAL] === "string" ? data[ORIGINAL] : "";
    var before = parse(original);
    var lines = original ? original.split("\n") : [];
    var found = blocks(lines);
    var seen = {};
    // from the last block to the first, so that earlier line numbers stay right
    found.slice().reverse().forEach(function (block) {
      seen[block.key] = true;
      var inForm = Array.isArray(fields) && fields.indexOf(block.key) >= 0;
      if (!Object.prototype.hasOwnProperty.call(values, block.key) && !inForm) {
        return;   // not in the form: kept as written
      }
      var value = values[block.key];
      if (same(value, before[block.key])) {
        return;   // unchanged: kept as written
      }
      var replacement = empty(value) && !empty(before[block.key]) ? [] : entry(block.key, value).split("\n");
      lines.splice.apply(lines, [block.start, block.end - block.start].concat(replacement));
    });
    // new keys at the end, in the form's order (title, date, … as `govnews new` writes them)
    var order = Array.isArray(fields) ? fields : [];
    var rank = function (key) {
      var i = order.indexOf(key);
      return i < 0 ? order.length : i;
    };
    Object.keys(values).filter(function (key) {
      return !seen[key] && !empty(values[key]);
    }).sort(function (a, b) {
      return rank(a) - rank(b);
    }).forEach(function (key) {
      lines.push(entry(key, values[key]));
    });
    var body = typeof data.body === "string" ? data.body : "";
    if (!original && body && body.charAt(0) !== "\n") {
      body = "\n" + body;   // a blank line after the front matter, as `govnews new` writes
    }
    if (!original && body && body.charAt(body.length - 1) !== "\n") {
      body += "\n";
    }
    return "---\n" + lines.join("\n") + "\n---\n" + body;
  }

  // 网址 left empty on a new article: the pinyin of the title, one word per character, at most
  // eight words, as `govnews new` names it (pinyin.js, generated from pypinyin)
  function slugify(title) {
    var table = window.GOVNEWS_PINYIN;
    var syllables = table ? table.syllables.split(" ") : [];
    var words = [];
    var latin = "";
    function flush() {
      if (latin) {
        words.push(latin);
        latin = "";
      }
    }
    Array.from(String(title || "").toLowerCase()).forEach(function (ch) {
      var code = ch.codePointAt(0);
      var syllable = table && code >= table.first ? syllables[code - table.first] : "";
      if (/[a-z0-9]/.test(ch)) {
        latin += ch;
      } else {
        flush();
        if (syllable) {
          words.push(syllable);
        }
      }
    });
    flush();
    return words.slice(0, 8).join("-") || "item";
  }

  // 附件: a file uploaded into docs/files/uploads and linked from the body as [文字](…/x.pdf); the
  // policy document's page lists such links under 附件 (model/attachments.py)
  var settings = window.GOVNEWS_ADMIN || {};
  var ATTACHMENT = /^\[([^\]\n]*)\]\(([^)\s]+\.(?:pdf|docx?|xlsx?|wps|ofd|et|pptx?|zip|rar|7z|txt|csv))\)$/i;
  CMS.registerEditorComponent({
    id: "attachment",
    label: "附件",
    fields: [
      { name: "file", label: "文件（PDF、Word、Excel、WPS、OFD…）", widget: "file",
        media_folder: settings.files_folder, public_folder: settings.files_public,
        media_library: { config: { max_file_size: settings.max_attachment_bytes } } },
      { name: "text", label: "链接文字（如：附件1：申报表）", widget: "string", required: false },
    ],
    pattern: ATTACHMENT,
    fromBlock: function (match) {
      return { text: match[1], file: match[2] };
    },
    toBlock: function (data) {
      var file = data.file || "";
      var text = data.text || decodeURIComponent(file.split("/").pop());
      return "[" + text.replace(/[\[\]]/g, "") + "](" + file + ")";
    },
    toPreview: function (data) {
      var a = document.createElement("a");
      a.href = data.file || "";
      a.textContent = data.text || data.file || "";
      return a.outerHTML;
    },
  });

  CMS.registerCustomFormat("govnews-frontmatter", "md", { fromFile: fromFile, toFile: toFile });
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = entry.get("data");
      if (!entry.get("newRecord") || data.get("slug")) {
        return data;
      }
      return data.set("slug", slugify(data.get("title")));
    },
  });
  // the preview: the site's own stylesheets and the article header as templates/article_header.html
  // prints it (kicker, title, subtitle, 日期 and the meta rows, the chips), then the body
  (settings.styles || ["../assets/govnews/govnews.css"]).forEach(function (href) {
    CMS.registerPreviewStyle(href);
  });
  var h = window.h;
  function values(value) {
    if (value === undefined || value === null || value === "") {
      return [];
    }
    var plainValue = value && value.toJS ? value.toJS() : value;
    return (Array.isArray(plainValue) ? plainValue : [plainValue]).map(String);
  }
  function cnDate(text) {
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(String(text || ""));
    return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : String(text || "");
  }
  function row(label, items) {
    return items.length ? h("div", { key: label }, h("dt", null, label), h("dd", null, items.join("、"))) : null;
  }
  function ArticlePreview(props) {
    var get = function (key) { return props.entry.getIn(["data", key]); };
    var rows = [row("日期", [cnDate(get("date"))])].concat((settings.meta || []).map(function (facet) {
      return row(facet.label, values(get(facet.field)));
    }), [row("来源", values(get("source")))]);
    var chips = (settings.chips || []).map(function (facet) {
      var names = values(get(facet.field));
      return names.length ? h("ul", { key: facet.field, className: "gn-chips", "aria-label": facet.label },
        names.map(function (name) { return h("li", { key: name }, h("span", { className: "gn-chip" }, name)); })) : null;
    });
    return h("div", { className: "md-typeset gn-admin-preview" },
      h("header", { className: "gn-article-header" },
        get("draft") === true ? h("p", { className: "gn-draft-banner", role: "note" }, "草稿：不会发布。") : null,
        get("date_confirmed") === false ?
          h("p", { className: "gn-draft-banner", role: "note" }, "日期为推断、尚未确认：确认前不会发布（date_confirmed）。") : null,
        get("kicker") ? h("p", { className: "gn-kicker" }, get("kicker")) : null,
        h("h1", { className: "gn-title" }, get("title") || ""),
        get("subtitle") ? h("p", { className: "gn-subtitle" }, get("subtitle")) : null,
        h("dl", { className: "gn-meta" }, rows),
        chips),
      props.widgetFor("body"));
  }
  if (h) {
    (settings.collections || []).forEach(function (name) {
      CMS.registerPreviewTemplate(name, ArticlePreview);
    });
  }
})();
