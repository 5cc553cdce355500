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

  /* What the page says for a failed request: always Chinese, never a server path. The server's
     own message is used when it is Chinese; otherwise a message for the status. */
  const STATUS_MESSAGES = {
    400: "请求有误，请检查输入后重试。",
    401: "管理口令缺失或错误，请检查后重试。",
    403: "没有权限进行此操作。",
    404: "未找到所请求的内容，可能已被删除。",
    405: "不支持这种操作。",
    409: "另一个收录任务正在进行，请稍后重试。",
    413: "内容过大或过长，超过了上限。",
    422: "请求格式不正确，请检查输入后重试。",
    500: "服务内部出错，请重试；如仍失败请联系管理员。",
    502: "服务暂时无法访问，请稍后重试。",
    503: "服务暂不可用（可能正在启动或没有索引），请稍后重试。",
    504: "服务响应超时，请稍后重试。",
  };
  const NETWORK_ERROR = "无法连接服务，请检查网络或服务是否在运行，然后重试。";
  const CJK = /[\u4e00-\u9fff]/;
  const PATHISH = /(?:^|[\s(（"'“])(?:\/[\w.\-]+){2,}|[A-Za-z]:\\/;

  function statusMessage(status) {
    return STATUS_MESSAGES[status] || (status >= 500 ? STATUS_MESSAGES[500] : STATUS_MESSAGES[400]);
  }

  function readable(detail, status) {
    if (typeof detail === "string" && CJK.test(detail) && !PATHISH.test(detail)) return detail;
    return statusMessage(status);
  }

  async function errorDetail(response) {
    let detail = null;
    try {
      const data = await response.json();
      if (data && typeof data.detail === "string") detail = data.detail;
    } catch (e) { /* not JSON */ }
    return readable(detail, response.status);
  }

  /* The message of any error a request raised: fetch's own TypeError ("Failed to fetch") included. */
  function errorMessage(error) {
    if (!error) return statusMessage(500);
    if (error.name === "TypeError" || !error.status && !CJK.test(error.message || "")) return NETWORK_ERROR;
    return readable(error.message, error.status || 500);
  }

  async function getJSON(url, options) {
    let response;
    try {
      response = await fetch(url, options);
    } catch (e) {
      if (e && e.name === "AbortError") throw e;
      const error = new Error(NETWORK_ERROR);
      error.network = true;
      throw error;
    }
    if (!response.ok) {
      const error = new Error(await errorDetail(response));
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  /* A message with a 重试 button: ``retry`` is called when it is pressed. */
  function retryNote(text, retry, className) {
    const button = h("button", { type: "button", class: "retry" }, "重试");
    button.addEventListener("click", retry);
    return h("div", { class: className || "error-note", role: "alert" }, h("span", null, text), " ", button);
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
      el.textContent = data.status === "starting" ? "服务启动中…" : readable(data.detail, response.status);
      el.classList.add("bad");
    } catch (e) {
      el.textContent = "无法连接服务";
      el.title = NETWORK_ERROR;
      el.classList.add("bad");
    }
    statusTimer = setTimeout(refreshStatus, 3000);
    return null;
  }

  document.addEventListener("DOMContentLoaded", refreshStatus);

  return { h, highlighted, errorDetail, errorMessage, getJSON, retryNote, documentUrl, localTime, refreshStatus,
    NETWORK_ERROR };
})();
