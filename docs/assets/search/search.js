/* The handbook's search box: a classic script (it runs from file:// too), the same under every engine.
 *
 * Nothing loads until the reader starts to search (focus or typing in the box): then MiniSearch
 * (vendor/minisearch/minisearch.js) and the index (index.js, written by macros/search_index.py) are
 * added as scripts next to this one, and the index is built in the browser. Every word, in the pages and
 * in the query, goes through the index's form → terms table (base forms and compound parts from Voikko),
 * so "luottamuksesta" finds "luottamus"; pages are also indexed under the parts of their compounds. A query
 * word the table does not know is matched by the terms of the known forms sharing its longest beginning,
 * as a compound of a known first part and the rest ("patsasmenetelmällä"), by one-edit typos (words of
 * five letters or more) and, while it is being typed, as a prefix. The words of a query must all match
 * (any of them, when that leaves fewer than three pages). Titles weigh above keywords and section headings,
 * those above text; exact forms above base forms, those above the fallbacks and typos.
 *
 * The box follows the ARIA combobox pattern: the input names its list with aria-controls, arrow keys move
 * through the results (aria-activedescendant), Enter opens one, Escape closes the list, and a status
 * line announces how many pages were found. "/" or "s" anywhere else on the page focuses the box.
 * All text is set with textContent; nothing is sent anywhere.
 */
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
  var FIELDS = ["title", "heading", "keywords", "text"];
  var BOOST = { title: 4, heading: 2, keywords: 3, text: 1 };
  var MAX_RESULTS = 20;
  var SNIPPET = 180;
  var script = document.currentScript;
  var base = new URL("./", script ? script.src : location.href);
  var state = { loading: null, index: null, data: null, sortedForms: null, analyses: new Map(), active: -1, results: [] };

  function words(text) {
    return text.toLowerCase().match(WORD) || [];
  }

  // The form's own analysis: {bases, parts} ("vertaistukiryhmässä" → vertaistukiryhmä | vertaistuki, ryhmä),
  // or null for a form the handbook does not use.
  function analysis(form) {
    var found = state.analyses.get(form);
    if (found !== undefined) return found;
    var entry = state.data.forms[form];
    found = null;
    if (entry !== undefined) {
      var split = entry.split("|");
      var bases = split[0] ? split[0].split(" ") : [];
      var parts = split[1] ? split[1].split(" ") : [];
      found = { bases: bases, parts: parts, all: [form].concat(bases, parts) };
    }
    state.analyses.set(form, found);
    return found;
  }

  // What a word of a page is indexed under: itself, its base forms and the parts of a compound.
  function indexTerms(form) {
    var found = analysis(form);
    return found ? found.all : form;
  }

  // What a known word of a query looks for: itself and its base forms (not every page with "aika" for
  // "aikajana"; pages with the parts on their own are found through the parts in the index).
  function queryTerms(form) {
    var found = analysis(form);
    return found ? [form].concat(found.bases) : null;
  }

  function unique(list) {
    return list.filter(function (item, i) { return list.indexOf(item) === i; });
  }

  // The terms of the known forms that share an unknown word's longest beginning (at least 4 letters,
  // at most 7 letters dropped: -iksellaan): "mentoreille" → the terms of "mentoreiden", "mentoreita", …
  function fallbackTerms(word) {
    var forms = state.sortedForms;
    var shortest = Math.max(4, word.length - 7);
    for (var cut = word.length - 1; cut >= shortest; cut--) {
      var prefix = word.slice(0, cut);
      var low = 0, high = forms.length;
      while (low < high) {
        var mid = (low + high) >> 1;
        if (forms[mid] < prefix) low = mid + 1; else high = mid;
      }
      var found = [];
      for (var i = low; i < forms.length && forms[i].startsWith(prefix) && i - low < 40; i++) {
        found = found.concat(queryTerms(forms[i]));
      }
      if (found.length) return unique(found);
    }
    return [];
  }

  // An unknown compound: the longest known first part and what the rest stands for
  // ("patsasmenetelmällä" → patsas + menetelmällä, menetelmä), or null.
  function compoundTerms(word) {
    for (var cut = word.length - 3; cut >= 3; cut--) {
      var head = word.slice(0, cut);
      if (!state.terms.has(head)) continue;
      var tail = word.slice(cut);
      var tailTerms = queryTerms(tail) || (state.terms.has(tail) ? [tail] : fallbackTerms(tail));
      if (tailTerms.length) return [queryTerms(head) || [head], tailTerms];
    }
    return null;
  }

  function wordQuery(word, last) {
    var known = queryTerms(word);
    var queries = [];
    if (known) {
      queries.push({ queries: known });
    } else {
      var fallback = fallbackTerms(word);
      if (fallback.length) queries.push({ queries: fallback, boost: BOOST_FALLBACK });
      var compound = compoundTerms(word);
      if (compound) {
        queries.push({
          combineWith: "AND",
          boost: BOOST_FALLBACK,
          queries: compound.map(function (terms) { return { combineWith: "OR", queries: terms }; }),
        });
      }
    }
    // The word as typed: while it is being typed also as a prefix, and when the handbook does not use
    // it, with one edit allowed from five letters on (the costliest lookup, so only for unknown words).
    if (!known || last) {
      queries.push({
        queries: [word],
        fuzzy: !known && word.length >= 5 ? 1 : false,
        prefix: last && word.length >= 3,
      });
    }
    return { combineWith: "OR", queries: queries };
  }
  var BOOST_FALLBACK = { title: 2, heading: 1, keywords: 1.5, text: 0.5 };

  function search(query) {
    var list = [];
    var seen = {};
    words(query).forEach(function (word) { if (!seen[word]) { seen[word] = true; list.push(word); } });
    if (!list.length) return [];
    var lastTyped = !/\s$/.test(query);
    var perWord = list.map(function (word, i) { return wordQuery(word, lastTyped && i === list.length - 1); });
    var found = state.index.search({ combineWith: "AND", queries: perWord });
    if (list.length > 1 && found.length < 3) {
      var seenPages = {};
      found.forEach(function (result) { seenPages[result.id] = true; });
      state.index.search({ combineWith: "OR", queries: perWord }).forEach(function (result) {
        if (!seenPages[result.id]) found.push(result);
      });
    }
    return found;
  }

  // The section of a page to show: the one whose heading and text hold most of the matched words.
  function bestSection(page, matched) {
    var sections = state.pageSections[page];
    var best = sections[0], bestScore = 0;
    sections.forEach(function (number) {
      var section = state.sections[number];
      var score = 0;
      [[section.heading, 3], [section.text, 1]].forEach(function (part) {
        (part[0].toLowerCase().match(WORD) || []).forEach(function (word) {
          var terms = [].concat(indexTerms(word));
          for (var i = 0; i < terms.length; i++) if (matched[terms[i]]) { score += part[1]; break; }
        });
      });
      if (score > bestScore) { best = number; bestScore = score; }
    });
    return state.sections[best];
  }

  function pageHref(path, anchor) {
    if (location.protocol !== "file:") path = path.replace(/(^|\/)index\.html$/, "$1");
    var url = new URL(path, new URL("../../", base));
    if (anchor) url.hash = anchor;
    return url.href;
  }

  // The section text around the first matched word, matched words (any inflected form) in <mark>.
  function snippet(text, matched) {
    var fragment = document.createDocumentFragment();
    var hits = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var terms = [].concat(indexTerms(match[0].toLowerCase()));
      for (var i = 0; i < terms.length; i++) {
        if (matched[terms[i]]) { hits.push([match.index, match.index + match[0].length]); break; }
      }
    }
    var start = 0;
    if (hits.length && hits[0][0] > SNIPPET / 3) {
      start = text.lastIndexOf(" ", hits[0][0] - SNIPPET / 3) + 1;
    }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start) end = space;
    }
    if (start > 0) fragment.appendChild(document.createTextNode("… "));
    var at = start;
    hits.forEach(function (hit) {
      if (hit[0] < at || hit[1] > end) return;
      fragment.appendChild(document.createTextNode(text.slice(at, hit[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(hit[0], hit[1]);
      fragment.appendChild(mark);
      at = hit[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) fragment.appendChild(document.createTextNode(" …"));
    return fragment;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = new URL(src, base).href;
      element.onload = resolve;
      element.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(element);
    });
  }

  function load() {
    if (state.loading) return state.loading;
    state.loading = (window.MiniSearch ? Promise.resolve() : loadScript("vendor/minisearch/minisearch.js"))
      .then(function () { return window.__vermeSearchIndex ? null : loadScript("index.js"); })
      .then(function () {
        var data = state.data = window.__vermeSearchIndex;
        state.sortedForms = Object.keys(data.forms).sort();
        // Every term of the index: the forms, their base forms and compound parts.
        state.terms = new Set(state.sortedForms);
        state.sortedForms.forEach(function (form) {
          data.forms[form].split(/[ |]/).forEach(function (term) { if (term) state.terms.add(term); });
        });
        var index = new window.MiniSearch({
          fields: FIELDS,
          storeFields: [],
          tokenize: function (text) { return text.match(WORD) || []; },
          processTerm: function (term) { return indexTerms(term.toLowerCase()); },
          // One document per page (sections are picked for display afterwards): its fields are its
          // sections' fields joined, made only while the page is being indexed.
          extractField: function (page, field) {
            if (field === "id") return page;
            if (field === "title") return data.pages[page][1];
            return state.pageSections[page].map(function (n) { return state.sections[n][field]; }).join(" \n ");
          },
          searchOptions: {
            boost: BOOST,
            tokenize: function (text) { return [text]; },
            processTerm: function (term) { return term; },
          },
        });
        state.sections = data.docs.map(function (d) {
          return { page: d[0], anchor: d[1], heading: d[2], text: d[3], keywords: d[4] };
        });
        state.pageSections = data.pages.map(function () { return []; });
        state.sections.forEach(function (section, number) { state.pageSections[section.page].push(number); });
        var pages = data.pages.map(function (_, number) { return number; });
        return index.addAllAsync(pages, { chunkSize: 500 }).then(function () {
          state.index = index;
          var root = document.getElementById("verme-search");
          if (root) root.dataset.ready = "true";
        });
      });
    return state.loading;
  }

  function setup(root) {
    var input = root.querySelector("input");
    var list = root.querySelector("[role=listbox]");
    var status = root.querySelector("[role=status]");
    var popup = root.querySelector(".verme-search__popup");
    var pending = 0;

    function open(show) {
      popup.hidden = !show;
      input.setAttribute("aria-expanded", show && state.results.length ? "true" : "false");
    }

    function setActive(position) {
      var items = list.children;
      if (state.active >= 0 && items[state.active]) items[state.active].setAttribute("aria-selected", "false");
      state.active = position;
      if (position >= 0 && items[position]) {
        items[position].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[position].id);
        items[position].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(query, results) {
      state.results = results;
      state.active = -1;
      input.removeAttribute("aria-activedescendant");
      list.textContent = "";
      var shown = results.slice(0, MAX_RESULTS);
      shown.forEach(function (result, i) {
        var page = state.data.pages[result.id];
        var matched = {};
        result.terms.forEach(function (term) { matched[term] = true; });
        var doc = bestSection(result.id, matched);
        var item = document.createElement("li");
        item.id = "verme-search-option-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.className = "verme-search__result";
        item.dataset.href = pageHref(page[0], doc.anchor && doc.heading !== page[1] ? doc.anchor : "");
        var title = document.createElement("span");
        title.className = "verme-search__title";
        title.textContent = page[1];
        item.appendChild(title);
        if (doc.heading && doc.heading !== page[1]) {
          var section = document.createElement("span");
          section.className = "verme-search__section";
          section.textContent = doc.heading;
          item.appendChild(section);
        }
        var text = document.createElement("span");
        text.className = "verme-search__snippet";
        text.appendChild(snippet(doc.text || doc.keywords || "", matched));
        item.appendChild(text);
        list.appendChild(item);
      });
      if (!query.trim()) status.textContent = "";
      else if (!results.length) status.textContent = "Ei osumia haulla ”" + query.trim() + "”.";
      else if (results.length === 1) status.textContent = "1 osuma.";
      else if (results.length > MAX_RESULTS) status.textContent = results.length + " osumaa, " + MAX_RESULTS + " ensimmäistä näkyvissä.";
      else status.textContent = results.length + " osumaa.";
      root.dataset.query = query;
      open(Boolean(query.trim()));
    }

    function run() {
      var query = input.value;
      var ticket = ++pending;
      if (!query.trim()) { render("", []); return; }
      if (!state.index) {
        status.textContent = "Haku latautuu…";
        popup.hidden = false;
      }
      load().then(function () {
        if (ticket !== pending) return;
        render(query, search(query));
      }, function () {
        status.textContent = "Haku ei latautunut. Lataa sivu uudelleen.";
        popup.hidden = false;
      });
    }

    function go(position) {
      var item = list.children[position];
      if (item) location.href = item.dataset.href;
    }

    input.addEventListener("focus", function () {
      load().catch(function () {});
      if (input.value.trim() && state.results) open(true);
    });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      var count = list.children.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        open(true);
        setActive(state.active < count - 1 ? state.active + 1 : 0);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        setActive(state.active > 0 ? state.active - 1 : count - 1);
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (count) go(state.active >= 0 ? state.active : 0);
      } else if (event.key === "Escape") {
        if (!popup.hidden) { open(false); setActive(-1); }
        else { input.value = ""; render("", []); }
      }
    });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) location.href = item.dataset.href;
    });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    // Focus may move into the result list (it scrolls, so it takes focus); close when it leaves the box.
    root.addEventListener("focusout", function (event) {
      if (!root.contains(event.relatedTarget)) open(false);
    });
    root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });

    // Capture phase, ahead of the theme's own shortcuts.
    window.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
      var target = event.target;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])")) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      input.focus();
      input.select();
    }, true);
  }

  function start() {
    var root = document.getElementById("verme-search");
    if (root) setup(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
