/*
 * "BibTeX" buttons on entry cards copy the entry's record (held in data-bibtex) to the clipboard.
 * Hand-written: a dozen lines, and Material's own copy buttons only attach to code blocks.
 * The Clipboard API needs a secure context (https or localhost); from a file the older execCommand
 * path is used instead.
 */
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".aa-button--bibtex");
    if (!button) return;
    copy(button.getAttribute("data-bibtex")).then(function () {
      button.setAttribute("data-copied", "true");
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = "BibTeX"; }, 1500);
    }, function () {
      button.textContent = "Copy failed";
    });
  });
})();
