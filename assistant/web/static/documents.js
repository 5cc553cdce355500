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

  async function upload() {
    const files = $("upload-files").files;
    if (!token() && !SIGNED_IN) { showResult(["请先填写管理口令。"], true); return; }
    if (!files || !files.length) { showResult(["请选择要上传的文件。"], true); return; }
    const body = new FormData();
    for (const file of files) body.append("files", file, file.name);
    const kb = $("upload-kb"); // signed in: the knowledge base the files go into
    if (kb) body.append("kb", kb.value);
    const button = $("upload-button");
    button.disabled = true;
    showResult([`正在上传并收录 ${files.length} 个文件…`]);
    try {
      const response = await fetch("/api/documents", { method: "POST", headers: headers(), body });
      if (!response.ok) {
        const error = new Error(await errorDetail(response));
        error.status = response.status;
        throw error;
      }
      const report = await response.json();
      const lines = [];
      for (const d of report.uploaded_documents || []) lines.push(`已收录：${d.title || d.source}（${d.passages} 段）`);
      for (const [file, reason] of report.skipped || []) lines.push(`未收录：${file}：${reason}`);
      if (!lines.length) lines.push(`完成：新增 ${report.added.length}，更新 ${report.updated.length}，未变 ${report.unchanged.length}。`);
      const refused = !(report.uploaded_documents || []).length;
      showResult(lines, refused);
      if (!refused) uploadForm.reset(); // a refused file stays chosen, to be fixed or sent again
      await refresh();
      W.refreshStatus();
    } catch (err) {
      // The chosen files stay selected: 重试 sends them again.
      showResult(["上传失败：" + errorMessage(err)], true, upload);
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
