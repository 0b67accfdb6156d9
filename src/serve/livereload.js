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
  window.__glossgenLive = "connecting";
  const events = new EventSource("/__glossgen/events");
  events.addEventListener("open", () => { window.__glossgenLive = "open"; });
  events.addEventListener("reload", (e) => {
    const data = JSON.parse(e.data);
    if (data.all || data.paths.includes(here())) location.reload();
  });
  events.addEventListener("css", (e) => swapStylesheets(JSON.parse(e.data).paths));
  events.addEventListener("build-error", (e) => showOverlay(JSON.parse(e.data).message));
  events.addEventListener("build-ok", hideOverlay);
  // Give the connection back at once when the page goes away: browsers allow only a few connections per
  // server, and a lingering event stream would hold up the next page's requests.
  window.addEventListener("pagehide", () => events.close());
})();
