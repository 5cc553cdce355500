/* Sign-in helpers, loaded before every other script: the page's own requests that change
   something carry the session's CSRF token (X-CSRF-Token), and the logout button signs out. */
"use strict";

(() => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const token = meta ? meta.getAttribute("content") : "";
  if (token) {
    const originalFetch = window.fetch.bind(window);
    const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
    window.fetch = (resource, init) => {
      const options = Object.assign({}, init || {});
      const method = String(options.method || (resource instanceof Request ? resource.method : "GET")).toUpperCase();
      const url = new URL(resource instanceof Request ? resource.url : String(resource), window.location.href);
      if (UNSAFE.has(method) && url.origin === window.location.origin) {
        const headers = new Headers(options.headers || (resource instanceof Request ? resource.headers : undefined));
        if (!headers.has("X-CSRF-Token")) headers.set("X-CSRF-Token", token);
        options.headers = headers;
      }
      return originalFetch(resource, options);
    };
  }
})();
