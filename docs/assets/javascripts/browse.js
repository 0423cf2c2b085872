/*
 * The browse-all table: rows built from the data files (window.awesomeApproxEntries), filtered by text,
 * category, year range, tag and "has code", sorted by the vendored tablesort (from the keyboard too:
 * Enter or Space on a focused heading). The BibTeX of exactly the rows shown can be copied or downloaded.
 *
 * Hand-written because tablesort only sorts and the filters are a few lines; list.js, which filters too,
 * writes values with innerHTML, and the rows here must be built with textContent so that text from the
 * data can never become markup. Filters are mirrored in the address
 * so a filtered view can be linked, and tag links elsewhere on the site land here pre-filtered
 * (?text=&category=&from=&to=&tag=&code=1; not ?q=, which Material reads as a search to open).
 */
(function () {
  "use strict";

  var FILTERS = ["text", "category", "from", "to", "tag", "code"];

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function buildRow(entry, categoryTitles) {
    var row = element("tr", { "data-entry": entry.id });
    var title = element("td");
    title.appendChild(element("a", { href: entry.h }, entry.t));
    if (entry.a) title.appendChild(element("span", { "class": "aa-browse__authors" }, entry.a));
    row.appendChild(title);
    row.appendChild(element("td", { "data-sort": entry.y || 0, "class": "aa-col-year" }, entry.y || ""));
    row.appendChild(element("td", {}, categoryTitles[entry.c] || entry.c));
    row.appendChild(element("td", {}, entry.v));
    var tags = element("td");
    entry.g.forEach(function (tag) {
      tags.appendChild(element("a", { "class": "aa-tag", href: "?tag=" + encodeURIComponent(tag) }, tag));
      tags.appendChild(document.createTextNode(" "));
    });
    row.appendChild(tags);
    var links = element("td", { "class": "aa-browse__links" });
    entry.b.forEach(function (button) {
      links.appendChild(element("a", { "class": "aa-chip", href: button[1], rel: "noopener" }, button[0]));
      links.appendChild(document.createTextNode(" "));
    });
    row.appendChild(links);
    return row;
  }

  function haystack(entry, categoryTitles) {
    return [entry.t, entry.a, entry.v, entry.id, categoryTitles[entry.c] || "", entry.g.join(" ")]
      .join(" ").toLowerCase();
  }

  function start() {
    var table = document.getElementById("aa-browse-table");
    if (!table || table.getAttribute("data-ready")) return;
    table.setAttribute("data-ready", "true");
    var categories = JSON.parse(document.getElementById("aa-categories").textContent);
    var titles = {}, members = {};
    categories.forEach(function (c) { titles[c.id] = c.title; members[c.id] = c.members; });

    var entries = window.awesomeApproxEntries || [];
    var fragment = document.createDocumentFragment();
    var rows = entries.map(function (entry) {
      var row = { entry: entry, node: buildRow(entry, titles), text: haystack(entry, titles) };
      fragment.appendChild(row.node);
      return row;
    });
    table.tBodies[0].appendChild(fragment);
    if (window.Tablesort) new window.Tablesort(table);
    // tablesort makes sortable headings focusable and sorts on Enter; Space, which a reader may expect of
    // a control, does the same here; and every sortable heading states its sort state from the start.
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      if (cell.getAttribute("data-sort-method") === "none") return;
      if (!cell.hasAttribute("aria-sort")) cell.setAttribute("aria-sort", "none");
      cell.addEventListener("keydown", function (event) {
        if (event.key !== " ") return;
        event.preventDefault();
        cell.click();
      });
    });

    var form = document.getElementById("aa-filters");
    var inputs = {
      text: document.getElementById("aa-filter-text"),
      category: document.getElementById("aa-filter-category"),
      from: document.getElementById("aa-filter-from"),
      to: document.getElementById("aa-filter-to"),
      tag: document.getElementById("aa-filter-tag"),
      code: document.getElementById("aa-filter-code")
    };
    function value(name) {  // the checkbox's value counts only when it is ticked
      var input = inputs[name];
      return input.type === "checkbox" ? (input.checked ? input.value : "") : input.value;
    }
    var count = document.getElementById("aa-browse-count");

    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      if (!params.has(name)) return;
      if (inputs[name].type === "checkbox") inputs[name].checked = params.get(name) === inputs[name].value;
      else inputs[name].value = params.get(name);
    });

    function apply() {
      var words = inputs.text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var allowed = inputs.category.value ? members[inputs.category.value] || [] : null;
      var from = parseInt(inputs.from.value, 10), to = parseInt(inputs.to.value, 10);
      var tag = inputs.tag.value, code = inputs.code.checked;
      var shown = 0;
      rows.forEach(function (row) {
        var e = row.entry;
        var visible = words.every(function (word) { return row.text.indexOf(word) !== -1; }) &&
          (!allowed || allowed.indexOf(e.c) !== -1) &&
          (isNaN(from) || (e.y && e.y >= from)) &&
          (isNaN(to) || (e.y && e.y <= to)) &&
          (!tag || e.g.indexOf(tag) !== -1) &&
          (!code || e.k === 1);
        row.node.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown === rows.length
        ? rows.length + " entries"
        : "Showing " + shown + " of " + rows.length + " entries";
      var query = new URLSearchParams();
      FILTERS.forEach(function (name) { if (value(name)) query.set(name, value(name)); });
      var search = query.toString();
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    }

    // The BibTeX of the rows shown, in the table's current order (sorting moves the rows themselves).
    function shownBibtex() {
      var byId = {};
      rows.forEach(function (row) { byId[row.entry.id] = row.entry; });
      return Array.prototype.filter.call(table.tBodies[0].rows, function (node) { return !node.hidden; })
        .map(function (node) { return byId[node.getAttribute("data-entry")].x; }).join("\n");
    }
    document.getElementById("aa-copy-bibtex").addEventListener("click", function (event) {
      window.awesomeApproxCopy(event.currentTarget, shownBibtex());
    });
    document.getElementById("aa-download-bibtex").addEventListener("click", function () {
      var link = element("a", { download: "awesome-approx-selection.bib" });
      link.href = URL.createObjectURL(new Blob([shownBibtex()], { type: "application/x-bibtex" }));
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
    });

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
