/* govnews 适老化: font-size switch (标准 / 大字), remembered across pages in localStorage.
   The <head> of every page applies the stored size before first paint (overrides/main.html). */
(function () {
  "use strict";
  var KEY = "gn-font";

  function stored() {
    try { return localStorage.getItem(KEY) === "large" ? "large" : "standard"; } catch (e) { return "standard"; }
  }

  function apply(size) {
    var root = document.documentElement;
    if (size === "large") { root.setAttribute("data-gn-font", "large"); } else { root.removeAttribute("data-gn-font"); }
    var buttons = document.querySelectorAll("button[data-gn-font]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-gn-font") === size));
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-gn-font]") : null;
    if (!button) { return; }
    var size = button.getAttribute("data-gn-font") === "large" ? "large" : "standard";
    try { localStorage.setItem(KEY, size); } catch (e) { /* private mode: this page only */ }
    apply(size);
  });

  apply(stored());
})();
