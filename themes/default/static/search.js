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

  // Words (of titles, aliases, tags and summaries) and body stems, each sorted, with the entries that have
  // them: a query word is looked up once in these rather than in every entry, so a key press costs about
  // the same whatever the size of the glossary.
  let byWord = new Map();
  let byStem = new Map();
  let allWords = [];
  let allStems = [];
  // The words by their length, for looking for typing mistakes among words of about the query's length.
  const byLength = [];
  const add = (map, key, i) => {
    const ids = map.get(key);
    if (!ids) map.set(key, [i]);
    else if (ids[ids.length - 1] !== i) ids.push(i);
  };

  const load = () => {
    if (!loading) {
      loading = fetch(input.dataset.index)
        .then((r) => r.json())
        .then((data) => {
          vocabulary = new Set(data.entries.flatMap((e) => [...e.k, ...words(e.t), ...words(e.s)]));
          // The index lists entries in the glossary's alphabetical order, which breaks ties between results.
          index = data.entries.map((e, i) => {
            const own = [...words(e.t), ...e.a.flatMap(words), ...(e.g || []).flatMap(words), ...words(e.s)];
            own.forEach((w) => add(byWord, w, i));
            e.k.forEach((k) => add(byStem, k, i));
            return { ...e, ft: fold(e.t), fa: e.a.map(fold), fg: (e.g || []).map(fold), pt: plain(e.t), pa: e.a.map(plain), ps: plain(e.s) };
          });
          allWords = [...byWord.keys()].sort();
          allStems = [...byStem.keys()].sort();
          allWords.forEach((w) => (byLength[w.length] ||= []).push(w));
        });
    }
    return loading;
  };

  // The keys of a sorted list that start with `t`.
  const startingWith = (sorted, t) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let i = lo; i < sorted.length && sorted[i].startsWith(t); i++) out.push(sorted[i]);
    return out;
  };

  // How well each entry matches one query word (a score per entry position): the word itself in its titles,
  // aliases, tags or summary 60, a word starting with it 40, one with a typing mistake 20, a body stem
  // that starts it or that it starts 10, a body compound ending in it 5. Remembered while the reader types.
  const remembered = new Map();
  const tokenScores = (t) => {
    if (remembered.has(t)) return remembered.get(t);
    const best = new Uint8Array(index.length);
    const give = (ids, score) => {
      if (ids) for (const i of ids) if (best[i] < score) best[i] = score;
    };
    if (unspaced.test(t)) {
      const pt = plain(t);
      index.forEach((e, i) => give([i], unspacedScore(e, pt)));
    } else {
      give(byWord.get(t), 60);
      startingWith(allWords, t).forEach((w) => give(byWord.get(w), 40));
      const n = allowed(t);
      for (let l = Math.max(5, t.length - n); n && l <= t.length + n; l++) {
        for (const w of byLength[l] || []) if (within(t, w, n)) give(byWord.get(w), 20);
      }
      for (let l = 3; l <= t.length; l++) give(byStem.get(t.slice(0, l)), 10);
      startingWith(allStems, t).forEach((k) => k.length >= 3 && give(byStem.get(k), 10));
      if (compounding && t.length >= 4) allStems.forEach((k) => compoundOf(k, t) && give(byStem.get(k), 5));
    }
    if (remembered.size > 200) remembered.clear();
    remembered.set(t, best);
    return best;
  };

  const score = (e, i, q, perToken) => {
    if (e.ft === q) return 1000;
    if (e.fa.includes(q)) return 900;
    if (e.ft.startsWith(q)) return 800;
    if (e.fa.some((a) => a.startsWith(q))) return 700;
    if (e.fg.includes(q)) return 500;
    let total = 0;
    for (const scores of perToken) {
      const best = scores[i];
      if (!best) return 0;
      total += best;
    }
    return total;
  };

  const search = (query) => {
    const q = fold(query.trim());
    if (!q || !index) return [];
    const perToken = words(q).map(tokenScores);
    const found = [];
    index.forEach((e, i) => {
      const s = score(e, i, q, perToken);
      if (s > 0) found.push({ e, i, s });
    });
    return found.sort((a, b) => b.s - a.s || a.i - b.i).map((r) => r.e);
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
