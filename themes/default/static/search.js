// glossgen default theme: instant search. The index is fetched only when the reader starts searching.
// Ranking: exact title, then exact alias, then prefix, then words in titles, aliases and summaries, then
// the same words with a typing mistake, then body stems, then (in Dutch and other compounding languages)
// compounds in the body that end in the query. Diacritics and case do not matter ("e" finds "ë").
// Keyboard: "/" focuses the box, the arrow keys move through the results, Enter opens one, Escape closes the
// list.
(() => {
  "use strict";
  const input = document.getElementById("search-input");
  if (!input) return;
  const list = document.getElementById("search-results");
  const pageResults = document.getElementById("search-page-results");
  let index = null;
  // Every word and body stem of the language, for splitting compounds.
  let vocabulary = new Set();
  // Languages that write compounds as one word: a query for a compound's last part ("model") also finds
  // bodies with the compound ("taalmodel") when the first part is a word of the glossary too (a linking
  // "s", "e" or "en" allowed: "trainingsdata").
  const compounding = ["nl", "de", "sv", "da", "nb", "nn", "no", "fi", "is", "af"].includes(
    (document.documentElement.lang || "").split("-")[0],
  );
  const isWord = (w) =>
    w.length >= 3 &&
    (vocabulary.has(w) ||
      (w.endsWith("s") && vocabulary.has(w.slice(0, -1))) ||
      (w.endsWith("en") && vocabulary.has(w.slice(0, -2))) ||
      (w.endsWith("e") && vocabulary.has(w.slice(0, -1))));
  const compoundOf = (s, t) => s.length >= t.length + 3 && s.endsWith(t) && isWord(s.slice(0, s.length - t.length));
  let loading = null;
  let active = -1;
  let shown = [];

  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const words = (s) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // Chinese and Japanese are written without spaces: the index holds their text as pairs of characters, and
  // a query in them is looked for the same way (a single character in any pair).
  const unspaced = /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/u;
  const plain = (s) => s.normalize("NFC").toLowerCase();
  const pairs = (t) => {
    const c = [...t];
    if (c.length < 2) return c;
    return c.slice(1).map((x, i) => c[i] + x);
  };
  // Typing mistakes: a word of 5 letters or more may be one edit away (a letter wrong, missing, extra or two
  // swapped), one of 8 or more two; such results rank after exact and prefix matches.
  const within = (a, b, max) => {
    if (Math.abs(a.length - b.length) > max) return false;
    let prev2 = null;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return false;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length] <= max;
  };
  const allowed = (t) => (t.length >= 8 ? 2 : t.length >= 5 ? 1 : 0);
  const unspacedScore = (e, t) => {
    if (e.pt.includes(t) || e.pa.some((a) => a.includes(t)) || e.ps.includes(t)) return 40;
    const p = pairs(t);
    if ([...t].length === 1) return e.k.some((k) => k.includes(t)) ? 10 : 0;
    return p.every((x) => e.k.includes(x)) ? 10 : 0;
  };

  const load = () => {
    if (!loading) {
      loading = fetch(input.dataset.index)
        .then((r) => r.json())
        .then((data) => {
          vocabulary = new Set(data.entries.flatMap((e) => [...e.k, ...words(e.t), ...words(e.s)]));
          index = data.entries.map((e) => ({
            ...e,
            ft: fold(e.t),
            fa: e.a.map(fold),
            fg: (e.g || []).map(fold),
            words: new Set([...words(e.t), ...e.a.flatMap(words), ...(e.g || []).flatMap(words), ...words(e.s)]),
            pt: plain(e.t),
            pa: e.a.map(plain),
            ps: plain(e.s),
          }));
        });
    }
    return loading;
  };

  const score = (e, q, tokens) => {
    if (e.ft === q) return 1000;
    if (e.fa.includes(q)) return 900;
    if (e.ft.startsWith(q)) return 800;
    if (e.fa.some((a) => a.startsWith(q))) return 700;
    if (e.fg.includes(q)) return 500;
    let total = 0;
    for (const t of tokens) {
      let best = 0;
      if (unspaced.test(t)) best = unspacedScore(e, plain(t));
      else if (e.words.has(t)) best = 60;
      else if ([...e.words].some((w) => w.startsWith(t))) best = 40;
      else if (allowed(t) && [...e.words].some((w) => w.length >= 5 && within(t, w, allowed(t)))) best = 20;
      else if (e.k.some((s) => s.length >= 3 && (t.startsWith(s) || s.startsWith(t)))) best = 10;
      else if (compounding && t.length >= 4 && e.k.some((s) => compoundOf(s, t))) best = 5;
      if (best === 0) return 0;
      total += best;
    }
    return total;
  };

  const search = (query) => {
    const q = fold(query.trim());
    if (!q || !index) return [];
    const tokens = words(q);
    return index
      .map((e) => ({ e, s: score(e, q, tokens) }))
      .filter((r) => r.s > 0)
      .sort((a, b) => b.s - a.s || a.e.t.localeCompare(b.e.t))
      .map((r) => r.e);
  };

  const setActive = (i) => {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((o, n) => o.setAttribute("aria-selected", n === i ? "true" : "false"));
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  };

  const render = () => {
    shown = search(input.value).slice(0, 10);
    list.replaceChildren(
      ...shown.map((e, i) => {
        const li = document.createElement("li");
        li.id = `search-option-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.href = e.u;
        const title = document.createElement("span");
        title.className = "search-title";
        title.textContent = e.t;
        const summary = document.createElement("span");
        summary.className = "search-summary";
        summary.textContent = e.s;
        li.append(title, summary);
        li.addEventListener("mousedown", (ev) => {
          ev.preventDefault();
          location.href = e.u;
        });
        return li;
      })
    );
    const open = shown.length > 0 && input.value.trim() !== "";
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    setActive(open ? 0 : -1);
  };

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", () => load().then(render));
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && shown.length) {
      ev.preventDefault();
      setActive((active + 1) % shown.length);
    } else if (ev.key === "ArrowUp" && shown.length) {
      ev.preventDefault();
      setActive((active - 1 + shown.length) % shown.length);
    } else if (ev.key === "Enter" && !list.hidden && active >= 0) {
      ev.preventDefault();
      location.href = shown[active].u;
    } else if (ev.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
  document.addEventListener("keydown", (ev) => {
    const typing = ev.target instanceof HTMLElement && ev.target.closest("input, textarea, select, [contenteditable]");
    if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      input.focus();
    }
  });

  // The search page lists every result for ?q=.
  if (pageResults) {
    const q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    load().then(() => {
      const results = search(q);
      pageResults.replaceChildren(
        ...results.map((e) => {
          const li = document.createElement("li");
          li.className = "entry-item";
          const a = document.createElement("a");
          a.className = "entry-title";
          a.href = e.u;
          a.textContent = e.t;
          const p = document.createElement("p");
          p.textContent = e.s;
          li.append(a, p);
          return li;
        })
      );
      const count = document.getElementById("search-count");
      if (count) count.textContent = count.dataset.template.replace("{n}", results.length);
    });
  }
})();
