/* The documents page: what is indexed; upload and delete for admins (token in sessionStorage). */
"use strict";

(() => {
  const { h, errorDetail, errorMessage, getJSON, retryNote, documentUrl, localTime } = W;
  const TOKEN_KEY = "wenming.adminToken";
  const $ = (id) => document.getElementById(id);
  const rows = $("doc-rows"), summary = $("doc-summary"), tokenInput = $("admin-token");
  const result = $("upload-result");

  function token() { return (sessionStorage.getItem(TOKEN_KEY) || "").trim(); }
  // Signed in, the admin token is retired: the server decides per knowledge base (editor role).
  const SIGNED_IN = Boolean(document.querySelector('meta[name="csrf-token"]'));
  if (SIGNED_IN) tokenInput.closest("label").hidden = true;

  tokenInput.value = token();
  if (token()) $("admin").open = true;
  tokenInput.addEventListener("input", () => {
    sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
    render(lastDocs);
  });

  let lastDocs = [];

  function render(docs) {
    lastDocs = docs;
    const admin = Boolean(token()) || SIGNED_IN;
    for (const cell of document.querySelectorAll(".admin-col")) cell.hidden = !admin;
    rows.replaceChildren();
    for (const d of docs) {
      const del = admin ? h("button", { type: "button", class: "delete-button", "data-doc": d.doc_id }, "删除") : null;
      if (del) del.addEventListener("click", () => remove(d));
      rows.append(h("tr", { "data-doc": d.doc_id },
        h("td", { class: "title-cell" },
          h("a", { href: documentUrl(d.doc_id), class: "doc-link" }, d.title || d.source),
          h("span", { class: "file" }, d.source)),
        h("td", { "data-label": "年份" }, (d.years || []).join("、")),
        h("td", { "data-label": "单位" }, d.body_full || d.body || ""),
        h("td", { "data-label": "类型" }, d.kind || ""),
        h("td", { class: "num", "data-label": "段落" }, String(d.passages)),
        h("td", { "data-label": "收录" }, localTime(d.ingested_at)),
        admin ? h("td", { class: "admin-col" }, del) : null));
    }
  }

  async function refresh() {
    try {
      const docs = await getJSON("/api/documents");
      const passages = docs.reduce((sum, d) => sum + (d.passages || 0), 0);
      summary.textContent = `共 ${docs.length} 份文件，${passages} 个段落。点击标题查看全文。`;
      render(docs);
    } catch (e) {
      summary.replaceChildren(retryNote("无法读取文件列表：" + errorMessage(e), refresh));
      if (e.status === 503) setTimeout(refresh, 3000);
    }
  }

  function headers() {
    return token() ? { Authorization: "Bearer " + token() } : {};
  }

  function showResult(lines, bad, retry) {
    result.replaceChildren(...lines.map((line) => h("div", { class: bad ? "bad" : null }, line)));
    if (retry) result.append(retryNote("", retry, "retry-row"));
  }

  const uploadForm = $("upload-form");
  const fileNames = $("file-names");
  function showChosen() {
    const files = Array.from($("upload-files").files || []);
    fileNames.textContent = files.length ? files.map((f) => f.name).join("、") : "未选择文件";
  }
  $("upload-files").addEventListener("change", showChosen);
  uploadForm.addEventListener("reset", () => setTimeout(showChosen));
  uploadForm.addEventListener("submit", (e) => {
    e.preventDefault();
    upload();
  });

  /* Upload: one request per file (one bad file does not stop the others), each with its own
     line: bytes sent, then the server's stages (解析, OCR, 嵌入, 写入) from the ?progress=1
     stream, then 已收录 or the reason it was not. */
  const STAGES = { read: "解析中", ocr: "OCR 识别", embed: "嵌入", write: "写入索引" };

  function sizeText(bytes) {
    return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function fileLine(file) {
    const state = h("span", { class: "upload-state" }, "等待上传");
    const bar = h("progress", { class: "upload-bar", max: "100", value: "0" });
    const line = h("div", { class: "upload-file", "data-file": file.name },
      h("span", { class: "upload-name" }, file.name), bar, state);
    const set = (text, percent, kind) => {
      state.textContent = text;
      if (percent === null) bar.removeAttribute("value"); else bar.value = percent;
      line.classList.toggle("bad", kind === "bad");
      line.classList.toggle("done", kind === "done");
      line.dataset.state = kind || "working";
    };
    return { line, set };
  }

  function stageText(event) {
    const name = STAGES[event.stage] || event.stage;
    if (event.stage === "ocr") return `${name} 第 ${event.done}/${event.total} 页`;
    if (event.stage === "embed") return `${name} ${event.done}/${event.total} 段`;
    return name;
  }

  function sendOne(file, row) {
    return new Promise((resolve) => {
      const body = new FormData();
      body.append("files", file, file.name);
      const kb = $("upload-kb"); // signed in: the knowledge base the files go into
      if (kb) body.append("kb", kb.value);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents?progress=1");
      for (const [name, value] of Object.entries(headers())) xhr.setRequestHeader(name, value);
      const csrf = document.querySelector('meta[name="csrf-token"]');
      if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf.getAttribute("content"));
      let seen = 0, last = null;
      const read = () => { // the stream's complete lines so far
        const text = xhr.responseText || "";
        const end = text.lastIndexOf("\n");
        if (end < seen) return;
        for (const raw of text.slice(seen, end).split("\n")) {
          if (!raw.trim()) continue;
          try { last = JSON.parse(raw); } catch (e) { continue; }
          if (last.event === "stage") row.set(stageText(last), last.total ? Math.round(100 * last.done / last.total) : null);
        }
        seen = end + 1;
      };
      xhr.upload.addEventListener("progress", (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.round(100 * e.loaded / e.total);
        row.set(percent < 100 ? `上传中 ${percent}%（${sizeText(e.loaded)} / ${sizeText(e.total)}）` : "已上传，等待处理", percent);
      });
      xhr.addEventListener("progress", () => { if (xhr.status === 200) read(); });
      xhr.addEventListener("load", () => {
        if (xhr.status !== 200) {
          let detail = "";
          try { detail = JSON.parse(xhr.responseText).detail; } catch (e) { detail = ""; }
          const text = errorMessage({ status: xhr.status, message: typeof detail === "string" ? detail : "" });
          if (xhr.status === 401 && SIGNED_IN) window.location.assign("/login?next=" + encodeURIComponent("/documents"));
          // The file itself refused (too large, not a file) vs. the request (token, busy, server): 重试 for these.
          const own = xhr.status === 413 || xhr.status === 400;
          row.set((own ? "未收录：" : "上传失败：") + text, 0, "bad");
          resolve(own ? "refused" : "failed");
          return;
        }
        read();
        if (!last || last.event !== "result") {
          row.set("上传失败：" + errorMessage({ status: (last && last.status) || 500, message: (last && last.detail) || "" }), 0, "bad");
          resolve("failed");
          return;
        }
        const report = last.data;
        const docs = report.uploaded_documents || [];
        const reasons = (report.skipped || []).map(([, reason]) => reason);
        if (docs.length) {
          row.set("已收录：" + docs.map((d) => `${d.title || d.source}（${d.passages} 段）`).join("；"), 100, "done");
          resolve("done");
        } else if (reasons.length) {
          row.set("未收录：" + reasons.join("；"), 0, "bad");
          resolve("refused");
        } else {
          row.set(report.unchanged.length ? "内容未变，已在索引中" : "完成", 100, "done");
          resolve("done");
        }
      });
      xhr.addEventListener("error", () => { row.set("上传失败：" + errorMessage(new TypeError()), 0, "bad"); resolve("failed"); });
      row.set("上传中 0%", 0);
      xhr.send(body);
    });
  }

  async function upload(only) {
    const files = Array.isArray(only) ? only : Array.from($("upload-files").files || []);
    if (!token() && !SIGNED_IN) { showResult(["请先填写管理口令。"], true); return; }
    if (!files.length) { showResult(["请选择要上传的文件。"], true); return; }
    const button = $("upload-button");
    button.disabled = true;
    const rows = files.map(fileLine);
    result.replaceChildren(...rows.map((r) => r.line));
    const retry = [];
    let failed = 0;
    try {
      for (let i = 0; i < files.length; i++) {
        const outcome = await sendOne(files[i], rows[i]);
        if (outcome !== "done") failed++;
        if (outcome === "failed") retry.push(files[i]);
      }
      result.append(h("div", { class: failed ? "bad upload-summary" : "upload-summary" },
        failed ? `${files.length - failed} 个文件已收录，${failed} 个未收录。` : `${files.length} 个文件已收录。`));
      // The files the request failed for (token, busy, network) are sent again by 重试.
      if (retry.length) result.append(retryNote("", () => upload(retry), "retry-row"));
      if (!failed) uploadForm.reset(); // a refused file stays chosen, to be fixed or sent again
      await refresh();
      W.refreshStatus();
    } finally {
      button.disabled = false;
    }
  }

  async function remove(d) {
    if (!confirm(`从索引中删除“${d.title || d.source}”？`)) return;
    try {
      const response = await fetch("/api/documents/" + encodeURIComponent(d.doc_id), { method: "DELETE", headers: headers() });
      if (!response.ok) {
        const error = new Error(await errorDetail(response));
        error.status = response.status;
        throw error;
      }
      const report = await response.json();
      showResult([`已删除：${d.title || d.source}` + (report.file_kept ? "（源文件仍在语料目录中）" : "")]);
      await refresh();
      W.refreshStatus();
    } catch (err) {
      showResult(["删除失败：" + errorMessage(err)], true, () => remove(d));
    }
  }

  refresh();
})();
