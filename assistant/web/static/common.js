/* Shared helpers. Every piece of text from documents or users goes into the page as a
   text node (textContent / append(string)); nothing here ever assigns innerHTML. */
"use strict";

const W = (() => {
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = String(value);
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child)); // strings become text nodes
    }
    return el;
  }

  /* Text with the given sentences (spans) wrapped in <mark>, as DOM nodes. */
  function highlighted(text, spans) {
    const ranges = [];
    for (const raw of spans || []) {
      const span = String(raw || "").trim();
      if (!span) continue;
      let at = text.indexOf(span);
      let len = span.length;
      if (at < 0) { // tolerate a missing closing punctuation mark
        const core = span.replace(/[。！？；!?;，,\s]+$/u, "");
        if (core.length >= 4) { at = text.indexOf(core); len = core.length; }
      }
      if (at >= 0) ranges.push([at, at + len]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    const fragment = document.createDocumentFragment();
    let position = 0;
    for (const [start, end] of merged) {
      if (start > position) fragment.append(text.slice(position, start));
      fragment.append(h("mark", null, text.slice(start, end)));
      position = end;
    }
    if (position < text.length) fragment.append(text.slice(position));
    return fragment;
  }

  async function errorDetail(response) {
    try {
      const data = await response.json();
      if (data && typeof data.detail === "string") return data.detail;
    } catch (e) { /* not JSON */ }
    return `HTTP ${response.status}`;
  }

  async function getJSON(url, options) {
    const response = await fetch(url, options);
    if (!response.ok) {
      const error = new Error(await errorDetail(response));
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function documentUrl(docId, chunkId) {
    const base = "/documents/" + encodeURIComponent(docId);
    return chunkId ? base + "#chunk-" + encodeURIComponent(chunkId) : base;
  }

  function localTime(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  /* Header status from /healthz; polls until the service is ready. */
  let statusTimer = null;
  async function refreshStatus() {
    const el = document.getElementById("status");
    if (!el) return null;
    clearTimeout(statusTimer);
    try {
      const response = await fetch("/healthz", { cache: "no-store" });
      const data = await response.json().catch(() => ({}));
      if (response.ok && data.status === "ok") {
        el.textContent = `已收录 ${data.documents} 份文件 · ${data.passages} 段`;
        el.classList.remove("bad");
        return data;
      }
      el.textContent = data.status === "starting" ? "服务启动中…" : (data.detail || "服务暂不可用");
      el.classList.add("bad");
    } catch (e) {
      el.textContent = "无法连接服务";
      el.classList.add("bad");
    }
    statusTimer = setTimeout(refreshStatus, 3000);
    return null;
  }

  document.addEventListener("DOMContentLoaded", refreshStatus);

  return { h, highlighted, errorDetail, getJSON, documentUrl, localTime, refreshStatus };
})();
