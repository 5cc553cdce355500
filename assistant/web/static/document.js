/* One document: bring the cited passage (#chunk-…) into view and mark it. */
"use strict";

(() => {
  function showTarget() {
    for (const el of document.querySelectorAll(".passage.target")) el.classList.remove("target");
    if (!location.hash) return;
    let id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep as is */ }
    const target = document.getElementById(id);
    if (!target) return;
    target.classList.add("target");
    target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "center" });
  }
  for (const el of document.querySelectorAll("time.local-time")) {
    el.textContent = W.localTime(el.getAttribute("datetime"));
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
