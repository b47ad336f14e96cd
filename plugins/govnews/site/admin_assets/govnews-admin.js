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
//
// Also here: the "govnews-date" widget (a date typed as the source gives it: 2024-05-29 10:30,
// 2024-10 or 2023, or picked from a calendar); the 附件 field's files linked from the body on
// save; the upload hook (Chinese file names to pinyin, pictures over 1 MB shrunk in the browser);
// preSave (网址 from the title, the date's year for the new file's folder); the preview.
/* global CMS, jsyaml */
(function () {
  "use strict";
  if (typeof CMS === "undefined" || typeof jsyaml === "undefined") {
    return;
  }
  // keys of the entry's data that are never written into the file: the front matter as read,
  // the year for a new file's folder, attachments on their way into the body (site/admin.py)
  var FORM_ONLY = "__govnews_";
  var ORIGINAL = FORM_ONLY + "front_matter";
  var YEAR_KEY = FORM_ONLY + "year";
  var ATTACHMENTS_KEY = FORM_ONLY + "attachments";
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
      if (key !== "body" && key.indexOf(FORM_ONLY) !== 0) {
        values[key] = data[key];
      }
    });
    fields = Array.isArray(fields) ? fields.filter(function (key) { return key.indexOf(FORM_ONLY) !== 0; }) : fields;
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
  function slugify(title, most) {
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
    return words.slice(0, most || 8).join("-") || "item";
  }

  var settings = window.GOVNEWS_ADMIN || {};

  // -- 发布日期: full, or only a month or a year (as parse_pub_date reads it) --------------------
  // the value as saved: NFKC (full-width digits typed with a Chinese IME), trimmed, and a year
  // alone as a number, so the file says `date: 2023` as the sample articles do
  function pubDate(value) {
    if (typeof value !== "string") {
      return value;
    }
    var text = value.normalize("NFKC").trim();
    return /^\d{4}$/.test(text) ? Number(text) : text;
  }
  // YYYY-MM-DD[ HH:mm] → the calendar's value (YYYY-MM-DDTHH:mm); anything else: no day to show
  function calendarValue(value) {
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(String(value === undefined ? "" : value).trim());
    var two = function (n) { return ("0" + Number(n)).slice(-2); };
    return m ? m[1] + "-" + two(m[2]) + "-" + two(m[3]) + "T" + two(m[4] || 0) + ":" + two(m[5] || 0) : "";
  }
  var DateControl = window.createClass && window.createClass({
    isValid: function () {
      return true;   // the field's pattern (site/admin.py) says what a date is
    },
    render: function () {
      var props = this.props;
      var value = props.value === undefined || props.value === null ? "" : String(props.value);
      var h = window.h;
      return h("div", { className: props.classNameWrapper, style: { display: "flex", alignItems: "center", gap: "8px" } },
        h("input", {
          type: "text", id: props.forID, value: value, autoComplete: "off",
          placeholder: "2024-05-29 10:30、2024-10 或 2023",
          style: { flex: "1 1 auto", minWidth: 0, border: 0, padding: 0, background: "transparent", font: "inherit" },
          onChange: function (e) { props.onChange(e.target.value); },
          onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
        }),
        h("input", {
          type: "datetime-local", "aria-label": "从日历选择日期和时间", title: "从日历选择日期和时间",
          value: calendarValue(value), style: { flex: "0 0 auto", font: "inherit" },
          onChange: function (e) {
            if (e.target.value) {
              props.onChange(e.target.value.replace("T", " "));
            }
          },
          onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
        }));
    },
  });
  if (DateControl) {
    CMS.registerWidget("govnews-date", DateControl, function (props) {
      return window.h("p", null, cnDate(props.value));
    });
  }

  // -- 附件: uploaded by a form field into files/uploads, linked from the body on save ------------
  // Decap honours a field's own media_folder (site/admin.py: attachments_field) but not inside an
  // editor component; and the policy page lists the body's links (model/attachments.py), so on
  // save each new attachment becomes a paragraph [text](../../files/uploads/x.pdf) at the end of
  // the body, once, and the field is emptied (it is never written into the front matter).
  var originalNames = {};   // upload name → the name on the editor's computer (申报表.pdf)
  function attachmentText(item) {
    var name = String(item.file || "").split("/").pop();
    try {
      name = decodeURIComponent(name);
    } catch (e) {
      // a stray % in the name: shown as it is
    }
    var text = String(item.text || "").trim() || originalNames[name.toLowerCase()] || name;
    return text.replace(/[[\]\n]/g, "");
  }
  function attachLinks(data) {
    var list = data.get(ATTACHMENTS_KEY);
    var items = list && list.toJS ? list.toJS() : [];
    var body = String(data.get("body") || "");
    var links = items.filter(function (item) {
      return item && item.file && body.indexOf("](" + item.file + ")") < 0;
    }).map(function (item) {
      return "[" + attachmentText(item) + "](" + item.file + ")";
    });
    if (links.length) {
      body = body.replace(/\s*$/, "") + (body.trim() ? "\n\n" : "") + links.join("\n\n") + "\n";
    }
    return data.set("body", body).delete(ATTACHMENTS_KEY);
  }

  // -- pictures over the size limit: shrunk in the browser before upload ---------------------------
  // Decap refuses a picture over media_library.max_file_size (checks/links.py's 1 MB: a phone
  // photo of 3–8 MB takes a reader on a slow link half a minute). Before Decap sees the chosen
  // file, a picture over the limit is drawn on a canvas at most picture_long_edge pixels on its
  // long edge (never enlarged, aspect kept, EXIF orientation applied; EXIF itself, with any GPS
  // position, is not copied) and encoded as JPEG; a PNG (a chart, a screenshot: JPEG blurs its
  // hard edges and text) stays PNG when that fits under the limit; the editor is told what was done. A picture the browser cannot redraw (an
  // animated GIF, SVG, a format it cannot read) goes on to Decap's refusal, with a note why.
  var MAX_PICTURE = settings.max_picture_bytes || 1048576;
  var ATTACHMENT_TYPES = settings.attachment_extensions || [".pdf", ".doc", ".docx", ".xls", ".xlsx"];
  var LONG_EDGE = settings.picture_long_edge || 1600;
  var QUALITIES = [0.85, 0.75, 0.65];
  var ours = typeof WeakSet === "function" ? new WeakSet() : null;

  function sizeText(bytes) {
    return bytes >= 1000 * 1024 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }
  function note(text, kind) {
    var box = document.getElementById("gn-admin-note");
    if (!box) {
      box = document.createElement("div");
      box.id = "gn-admin-note";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      box.style.cssText = "position:fixed;z-index:2147483647;left:50%;top:12px;transform:translateX(-50%);" +
        "max-width:min(680px,94vw);padding:12px 16px;border-radius:6px;font-size:15px;line-height:1.6;" +
        "box-shadow:0 2px 10px rgba(0,0,0,.3);color:#fff";
      document.body.appendChild(box);
    }
    box.style.background = kind === "warning" ? "#8a1c1c" : "#1d5e2f";
    box.textContent = "";
    var text_ = document.createElement("span");
    text_.textContent = text + " ";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "知道了";
    close.style.cssText = "margin-left:8px;padding:2px 10px;font:inherit;cursor:pointer";
    close.onclick = function () { box.remove(); };
    box.appendChild(text_);
    box.appendChild(close);
    clearTimeout(note.timer);
    note.timer = setTimeout(function () { box.remove(); }, 30000);
  }
  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () { return decodeImg(file); });
    }
    return decodeImg(file);
  }
  function decodeImg(file) {
    return new Promise(function (resolve, reject) {
      var img = new Image();
      var url = URL.createObjectURL(file);
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error("cannot read")); };
      img.src = url;
    });
  }
  function encode(picture, width, height, type, quality) {
    var canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    var ctx = canvas.getContext("2d");
    if (type === "image/jpeg") {   // JPEG has no transparency: white, not black, behind it
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, width, height);
    }
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(picture, 0, 0, width, height);
    return new Promise(function (resolve) { canvas.toBlob(resolve, type, quality); });
  }
  // {file, width, height, from: [w, h]} under the limit, or {reason} when it cannot be done
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp|bmp)$/.test(file.type)) {
      return Promise.resolve({ reason: file.type === "image/gif" ? "GIF 动图缩小后就不会动了" :
        "浏览器无法缩小这种格式（" + (file.type || "未知格式") + "）" });
    }
    return decode(file).then(function (picture) {
      var w = picture.width, h = picture.height;
      var edge = Math.min(LONG_EDGE, Math.max(w, h));
      function attempt() {
        var scale = edge / Math.max(w, h);
        var width = Math.max(1, Math.round(w * scale)), height = Math.max(1, Math.round(h * scale));
        var png = file.type === "image/png" ? encode(picture, width, height, "image/png") : Promise.resolve(null);
        return png.then(function (pngBlob) {
          if (pngBlob && pngBlob.size <= MAX_PICTURE) {
            return { blob: pngBlob, width: width, height: height, from: [w, h] };
          }
          var i = 0;
          function nextJpeg() {
            return encode(picture, width, height, "image/jpeg", QUALITIES[i]).then(function (jpeg) {
              if (jpeg && jpeg.size > MAX_PICTURE && ++i < QUALITIES.length) {
                return nextJpeg();
              }
              return jpeg;
            });
          }
          return nextJpeg().then(function (jpeg) {
            if (jpeg && jpeg.size <= MAX_PICTURE) {
              return { blob: jpeg, width: width, height: height, from: [w, h] };
            }
            edge = Math.round(edge * 0.8);
            return edge >= 400 ? attempt() : { reason: "缩到很小仍超过 1 MB" };
          });
        });
      }
      return attempt();
    }, function () {
      return { reason: "浏览器读不出这张图片" };
    });
  }
  // a file name as Decap keeps it: Decap turns every character outside ASCII into nothing
  // (申报表.pdf → .pdf: a hidden file, and the next Chinese name overwrites it), so a name with
  // Chinese in it becomes its pinyin, as 网址 does (申报表.pdf → shen-bao-biao.pdf); the name the
  // editor knew is remembered for the link text. Every name ends in the file's content hash
  // (shen-bao-biao-1a2b3c4d.pdf): phones and WeChat name every photo IMG_0001.jpg or 微信图片.jpg,
  // and an upload of the same name replaced the picture or attachment another article shows
  // (after a confirm in English); with the hash only the same bytes share a name.
  function contentHash(buffer) {          // FNV-1a, 32 bits: to tell files apart, not a secret
    var bytes = new Uint8Array(buffer);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }
  function uploadName(name, hash, type) {
    var dot = name.lastIndexOf(".");
    var stem = dot > 0 ? name.slice(0, dot) : name;
    var ext = dot > 0 ? name.slice(dot).toLowerCase() : "";
    if (type) {   // re-encoded: the extension of what it is now
      ext = type === "image/png" ? ".png" : /^\.jpe?g$/.test(ext) ? ext : ".jpg";
    }
    stem = (/[^\x00-\x7f]/.test(stem) ? slugify(stem, 12) : stem).replace(/-[0-9a-f]{8}$/, "");
    return (stem ? stem + "-" : "") + hash + ext;
  }
  function named(blob, original, type) {
    return blob.arrayBuffer().then(function (buffer) {
      var name = uploadName(original.name, contentHash(buffer), type);
      originalNames[name.toLowerCase()] = original.name.replace(/\.[^.]*$/, "");
      return new File([blob], name, { type: type || original.type, lastModified: original.lastModified });
    });
  }
  function replaceFile(input, file) {
    var list = new DataTransfer();
    list.items.add(file);
    input.files = list.files;
    var again = new Event("change", { bubbles: true });
    if (ours) {
      ours.add(again);
    }
    input.dispatchEvent(again);
  }
  // every file box of the media library (pictures: accept="image/*"; attachments): a listener on
  // window in the capture phase runs before React's (on Decap's root element), which then gets
  // the renamed or shrunk file
  function onFile(event) {
    var input = event.target;
    if (!input || input.tagName !== "INPUT" || input.type !== "file" || (ours && ours.has(event)) ||
        !input.files || !input.files.length) {
      return;
    }
    var file = input.files[0];
    var picture = /^image\//.test(input.accept || "");
    event.stopImmediatePropagation();     // Decap gets the renamed (or shrunk) file instead
    var ext = (file.name.match(/\.[^.]*$/) || [""])[0].toLowerCase();
    if (!picture && ATTACHMENT_TYPES.indexOf(ext) < 0) {
      // the 附件 box: only what the policy pages list as an attachment (an .exe or a .html would
      // be published as a download no page names)
      note("「" + file.name + "」不是附件类型，没有上传。附件可以是：" + ATTACHMENT_TYPES.join(" ") +
        "（图片请用正文工具栏的“添加组件 → Image”）。", "warning");
      input.value = "";
      return;
    }
    if (!(picture && file.size > MAX_PICTURE)) {
      named(file, file).then(function (upload) { replaceFile(input, upload); });
      return;
    }
    note("图片「" + file.name + "」超过 1 MB（" + sizeText(file.size) + "）：正在缩小……");
    shrink(file).then(function (result) {
      if (!result.blob) {   // Decap refuses it (文件太大), and the editor knows why and what to do
        note("图片「" + file.name + "」超过 1 MB（" + sizeText(file.size) + "），无法自动缩小（" + result.reason +
          "）：请先缩小到宽 1600 像素以内、500 KB 左右再上传（如用“画图”打开，“重新调整大小”后另存为 JPEG）。",
          "warning");
        return named(file, file);
      }
      return named(result.blob, file, result.blob.type).then(function (upload) {
        var same = result.width === result.from[0] && result.height === result.from[1];
        note("图片「" + file.name + "」原有 " + sizeText(file.size) + "（" + result.from[0] + "×" + result.from[1] +
          " 像素），超过 1 MB，" + (same ? "尺寸不变，已重新压缩为 " : "已自动缩小为 " + result.width + "×" +
          result.height + " 像素、") + sizeText(upload.size) + "（" + (upload.type === "image/png" ? "PNG" : "JPEG") +
          "）后上传：手机上打开更快。");
        return upload;
      });
    }).then(function (upload) { replaceFile(input, upload); });
  }
  if (typeof window.addEventListener === "function") {
    window.addEventListener("change", onFile, true);
  }

  CMS.registerCustomFormat("govnews-frontmatter", "md", { fromFile: fromFile, toFile: toFile });
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = attachLinks(entry.get("data"));
      var date = pubDate(data.get("date"));
      if (date !== undefined) {
        data = data.set("date", date).set(YEAR_KEY, String(date).slice(0, 4));
      }
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
  // as a reader sees it: 2024年5月29日, and a partial date as partial (2024年10月, 2023年)
  function cnDate(value) {
    var text = value === undefined || value === null ? "" : String(value).normalize("NFKC").trim();
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
    if (m) {
      return m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日";
    }
    m = /^(\d{4})(?:-(\d{1,2}))?$/.exec(text);
    return m ? m[1] + "年" + (m[2] ? Number(m[2]) + "月" : "") : text;
  }
  function row(label, items) {
    return items.length ? h("div", { key: label }, h("dt", null, label), h("dd", null, items.join("、"))) : null;
  }
  // attachments not yet saved, as the policy page will list them (saved ones are links in the body)
  function attachmentsPreview(list) {
    var items = (list && list.toJS ? list.toJS() : list || []).filter(function (item) { return item && item.file; });
    return items.length ? h("section", { className: "gn-document-files" }, h("h2", null, "附件"),
      h("ol", null, items.map(function (item) {
        return h("li", { key: item.file }, h("a", { href: item.file }, attachmentText(item)));
      }))) : null;
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
      props.widgetFor("body"),
      attachmentsPreview(get(ATTACHMENTS_KEY)));
  }
  if (h) {
    (settings.collections || []).forEach(function (name) {
      CMS.registerPreviewTemplate(name, ArticlePreview);
    });
  }
})();
