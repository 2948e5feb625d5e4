// The phone page's service worker: the page opens even while the PC cannot be reached
// (the Wi-Fi dropped at the lab's boxes, the phone's browser reloaded the tab), so scans
// can still be taken and kept on the phone until the PC is back.
//
// The page's own files are fetched from the PC first (so a new version arrives at once)
// and from this cache only when the PC does not answer. Nothing under /api/ is ever
// cached: answers about orders stay on the PC.
"use strict";

const CACHE = "yl-phone-1";
const SHELL = [
  "/",
  "/static/app.js",
  "/static/style.css",
  "/static/vendor/zxing-wasm/zxing-reader.iife.js",
  "/static/vendor/zxing-wasm/zxing_reader.wasm",
  "/static/sounds/accepted.wav",
  "/static/sounds/duplicate.wav",
  "/static/sounds/refused.wav",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (
    event.request.method !== "GET" ||
    url.origin !== self.location.origin ||
    url.pathname.startsWith("/api/")
  ) {
    return;
  }
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(event.request, { ignoreSearch: true }).then(
          (cached) => cached || Response.error(),
        ),
      ),
  );
});
