// glossgen serve: live reload. Injected into pages by the development server only, never into a build.
(() => {
  "use strict";
  const here = () => {
    const p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    return p === "" || p.endsWith("/") ? p + "index.html" : p;
  };
  const overlayId = "glossgen-error-overlay";
  const hideOverlay = () => document.getElementById(overlayId)?.remove();
  const showOverlay = (text) => {
    hideOverlay();
    const box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.92);color:#fff;" +
      "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem;overflow:auto;white-space:pre-wrap";
    const title = document.createElement("strong");
    title.textContent = "glossgen: the last save has errors; this page shows the last good build.\n\n";
    title.style.color = "#ff8a80";
    box.append(title, document.createTextNode(text));
    document.body.append(box);
  };
  const swapStylesheets = (paths) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (paths.some((p) => url.pathname.endsWith("/" + p))) {
        url.searchParams.set("v", Date.now().toString());
        link.href = url.toString();
      }
    }
  };
  // Patching instead of reloading. `served` is the page as the server last sent it (parsed, never shown).
  // After a rebuild the new page is fetched and compared with it, and only what differs between the two is
  // changed in the live document; whatever the reader or a script did to the rest (scroll position, focus, an
  // open preview, a typed search, an opened <details>) stays. A changed script or stylesheet, a page that
  // cannot be fetched, or anything unexpected falls back to a full reload. For comparisons,
  // `sessionStorage.setItem("glossgen-live", "reload")` makes every change a full reload.
  const fetchPage = async () => {
    const response = await fetch(location.pathname + location.search, { cache: "no-store" });
    if (!response.ok) throw new Error("HTTP " + response.status);
    return new DOMParser().parseFromString(await response.text(), "text/html");
  };
  let served = fetchPage().catch(() => null);
  const kept = (node) => node.nodeType !== Node.ELEMENT_NODE || node.id !== overlayId;
  // What a patch cannot bring in: code that would have to run, and styles. Data scripts (JSON-LD) can change.
  const runs = (node) => node.nodeName !== "SCRIPT" || !node.type || /javascript|module/i.test(node.type);
  const structure = (doc) =>
    [...doc.querySelectorAll('script, style, link[rel="stylesheet"], noscript')]
      .filter(runs)
      .map((n) => n.outerHTML)
      .join("\n");
  // Brings `live` from `base` to `next` (three nodes of the same kind), or returns false if it cannot.
  const patchNode = (live, base, next) => {
    if (base.nodeType !== next.nodeType || base.nodeName !== next.nodeName || live.nodeName !== base.nodeName) {
      return false;
    }
    if (base.nodeType === Node.TEXT_NODE || base.nodeType === Node.COMMENT_NODE) {
      live.nodeValue = next.nodeValue;
      return true;
    }
    if (base.nodeType !== Node.ELEMENT_NODE) return false;
    // Only attributes the server changed are touched: `open` on a <details> the reader opened stays.
    for (const { name, value } of next.attributes) {
      if (base.getAttribute(name) !== value) live.setAttribute(name, value);
    }
    for (const { name } of base.attributes) {
      if (!next.hasAttribute(name)) live.removeAttribute(name);
    }
    return patchChildren(live, base, next);
  };
  const patchChildren = (liveParent, baseParent, nextParent) => {
    const lives = [...liveParent.childNodes].filter(kept);
    const bases = [...baseParent.childNodes];
    const nexts = [...nextParent.childNodes];
    // A script added or removed children here: the live element no longer lines up with the served one.
    if (lives.length !== bases.length) return false;
    if (bases.length === nexts.length) {
      for (let i = 0; i < bases.length; i++) {
        if (bases[i].isEqualNode(nexts[i])) continue;
        if (!patchNode(lives[i], bases[i], nexts[i])) lives[i].replaceWith(document.importNode(nexts[i], true));
      }
      return true;
    }
    // Children were added or removed: keep the unchanged ones at both ends, replace the middle.
    let start = 0;
    while (start < bases.length && start < nexts.length && bases[start].isEqualNode(nexts[start])) start++;
    let endBase = bases.length;
    let endNext = nexts.length;
    while (endBase > start && endNext > start && bases[endBase - 1].isEqualNode(nexts[endNext - 1])) {
      endBase--;
      endNext--;
    }
    const anchor = lives[endBase] ?? null;
    for (let i = start; i < endBase; i++) lives[i].remove();
    for (let i = start; i < endNext; i++) {
      liveParent.insertBefore(document.importNode(nexts[i], true), anchor);
    }
    return true;
  };
  const patch = async () => {
    const base = await served;
    const next = await fetchPage();
    if (!base || structure(base) !== structure(next)) return false;
    if (!patchNode(document.documentElement, base.documentElement, next.documentElement)) return false;
    served = Promise.resolve(next);
    return true;
  };
  // Rebuilds are applied one after another, in the order they arrive.
  let queue = Promise.resolve();
  const update = () => {
    queue = queue.then(async () => {
      const patched = sessionStorage.getItem("glossgen-live") !== "reload" && (await patch().catch(() => false));
      if (patched) {
        window.__glossgenPatches = (window.__glossgenPatches || 0) + 1;
      } else {
        location.reload();
      }
    });
  };
  window.__glossgenLive = "connecting";
  const events = new EventSource("/__glossgen/events");
  events.addEventListener("open", () => { window.__glossgenLive = "open"; });
  events.addEventListener("reload", (e) => {
    const data = JSON.parse(e.data);
    if (data.all) location.reload();
    else if (data.paths.includes(here())) update();
  });
  events.addEventListener("css", (e) => swapStylesheets(JSON.parse(e.data).paths));
  events.addEventListener("build-error", (e) => showOverlay(JSON.parse(e.data).message));
  events.addEventListener("build-ok", hideOverlay);
  // Give the connection back at once when the page goes away: browsers allow only a few connections per
  // server, and a lingering event stream would hold up the next page's requests.
  window.addEventListener("pagehide", () => events.close());
})();
