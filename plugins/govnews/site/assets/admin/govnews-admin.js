// govnews: the web editor's own script, loaded after decap-cms.js (an inline script would be
// refused by /admin/'s Content-Security-Policy). The preview uses the site's own styles.
/* global CMS */
(function () {
  "use strict";
  if (typeof CMS === "undefined") {
    return;
  }
  CMS.registerPreviewStyle("../assets/govnews/govnews.css");
})();
