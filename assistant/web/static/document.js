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

  /* Editors correct the metadata (PATCH /api/documents/{id}; the token as on the documents page). */
  const TOKEN_KEY = "wenming.adminToken";
  const form = document.getElementById("meta-form");
  if (!form) return;
  const { h, errorDetail, errorMessage, retryNote } = W;
  const result = document.getElementById("meta-result");
  const tokenInput = document.getElementById("admin-token");
  const saveButton = document.getElementById("meta-save");
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";
  tokenInput.addEventListener("input", () => sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim()));

  function show(text, bad, retry) {
    result.replaceChildren(retry ? retryNote(text, retry, "bad") : h("div", { class: bad ? "bad" : null }, text));
  }

  function years(text) {
    const parts = text.split(/[\s,，、;；]+/).filter(Boolean);
    const out = parts.map(Number);
    if (out.some((y) => !Number.isInteger(y) || y < 1900 || y > 2100)) return null;
    return out;
  }

  async function save() {
    const token = tokenInput.value.trim();
    if (!token) { show("请先填写管理口令。", true); tokenInput.focus(); return; }
    const given = years(document.getElementById("meta-years").value);
    if (given === null) { show("年份应为 1900 至 2100 之间的四位数字，多个年份用顿号分隔。", true); return; }
    const body = {
      title: document.getElementById("meta-title").value.trim(),
      years: given,
      body: document.getElementById("meta-body").value.trim(),
      kind: document.getElementById("meta-kind").value.trim(),
    };
    if (!body.title) { show("标题不能为空。", true); return; }
    saveButton.disabled = true;
    show("正在保存…", false);
    try {
      const response = await fetch("/api/documents/" + encodeURIComponent(form.dataset.doc), {
        method: "PATCH", headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const error = new Error(await errorDetail(response));
        error.status = response.status;
        throw error;
      }
      show("已保存更正。", false);
      setTimeout(() => location.reload(), 600);
    } catch (error) {
      show("保存失败：" + errorMessage(error), true, save); // what was typed stays in the form
    } finally {
      saveButton.disabled = false;
    }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); save(); });
})();
