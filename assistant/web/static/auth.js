/* Sign-in helpers, loaded before every other script: the page's own requests that change
   something carry the session's CSRF token (X-CSRF-Token), and a request refused because
   the session ended (401) takes the page to the sign-in page, which brings it back here. */
"use strict";

(() => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const token = meta ? meta.getAttribute("content") : "";
  if (!token) return; // open mode, or not signed in: nothing to add
  const originalFetch = window.fetch.bind(window);
  const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
  window.fetch = async (resource, init) => {
    const options = Object.assign({}, init || {});
    const method = String(options.method || (resource instanceof Request ? resource.method : "GET")).toUpperCase();
    const url = new URL(resource instanceof Request ? resource.url : String(resource), window.location.href);
    const own = url.origin === window.location.origin;
    if (UNSAFE.has(method) && own) {
      const headers = new Headers(options.headers || (resource instanceof Request ? resource.headers : undefined));
      if (!headers.has("X-CSRF-Token")) headers.set("X-CSRF-Token", token);
      options.headers = headers;
    }
    const response = await originalFetch(resource, options);
    if (response.status === 401 && own && url.pathname !== "/api/login") {
      const here = window.location.pathname + window.location.search;
      window.location.assign("/login?next=" + encodeURIComponent(here));
    }
    return response;
  };
})();
