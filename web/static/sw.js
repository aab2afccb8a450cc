// Offline once loaded: the page's few files are cached on first visit and
// served from the cache after, refreshed in the background when online.
const CACHE = "bote-v3";
const FILES = ["./", "index.html", "app.js", "style.css", "manifest.json", "favicon.svg", "pkg/bote_web.js", "pkg/bote_web_bg.wasm"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(event.request, { ignoreSearch: true });
      const fresh = fetch(event.request)
        .then((r) => { if (r.ok) cache.put(event.request, r.clone()); return r; })
        .catch(() => hit);
      return hit ?? fresh;
    }),
  );
});
