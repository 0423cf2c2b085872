/*
 * "BibTeX" buttons on entry cards copy the entry's record (held in data-bibtex) to the clipboard;
 * window.awesomeApproxCopy(button, text) does the same for the browse table's buttons.
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

  // Copies `text` and says so on `button` for a moment; the browse table's "copy the rows shown" uses it too.
  function copyWithFeedback(button, text) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.removeAttribute("data-copied");
    return copy(text).then(function () {
      button.setAttribute("data-copied", "true");
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = label; }, 1500);
    }, function () {
      button.textContent = "Copy failed";
    });
  }
  window.awesomeApproxCopy = copyWithFeedback;

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".aa-button--bibtex");
    if (!button) return;
    copyWithFeedback(button, button.getAttribute("data-bibtex"));
  });
})();
