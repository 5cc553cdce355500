/* The editors' feedback page: each rated answer with its comment, and a form to write the
   corrected answer (标注) with the passages it cites (the answer's own citations, or passages
   found with the search box, of the chosen knowledge base). */
"use strict";

(() => {
  const { h, getJSON, errorMessage } = W;
  const list = document.getElementById("feedback-list");
  const summary = document.getElementById("feedback-summary");
  const kbs = (list.dataset.kbs || "").split("\n").filter(Boolean);

  function citationChoice(passage, checked) {
    const box = h("input", { type: "checkbox", class: "cite-pick", checked: checked || null });
    box.passage = { doc_id: passage.doc_id, chunk_id: passage.chunk_id };
    return h("label", { class: "cite-choice" }, box, ` ${passage.title || passage.source || ""} · ${(passage.text || "").slice(0, 60)}`);
  }

  function correctionForm(item) {
    const answer = h("textarea", { class: "curated-answer", "aria-label": "校正答案" });
    answer.value = item.answer || "";
    const kb = h("select", { class: "curated-kb", "aria-label": "知识库" },
      kbs.map((name) => h("option", { value: name, selected: (item.kbs || []).includes(name) || null }, name)));
    const picks = h("div", { class: "cite-picks" }, (item.citations || []).map((c) => citationChoice(c, true)));
    const query = h("input", { type: "search", class: "cite-search", placeholder: "搜索要引用的段落", "aria-label": "搜索段落" });
    const found = h("div", { class: "cite-found" });
    const search = h("button", { type: "button", class: "link-button" }, "搜索");
    search.addEventListener("click", async () => {
      if (!query.value.trim()) return;
      try {
        const result = await getJSON(`/api/search?${new URLSearchParams({ q: query.value.trim(), k: "5" })}`);
        found.replaceChildren(...result.hits.map((hit) => citationChoice(hit, false)));
      } catch (e) { found.textContent = "搜索失败：" + errorMessage(e); }
    });
    const status = h("span", { class: "curated-status muted", role: "status" });
    const save = h("button", { type: "button", class: "curated-save" }, "保存校正答案");
    save.addEventListener("click", async () => {
      const citations = Array.from(picks.querySelectorAll(".cite-pick"))
        .concat(Array.from(found.querySelectorAll(".cite-pick")))
        .filter((b) => b.checked).map((b) => b.passage);
      try {
        const made = await getJSON("/api/curated", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ question: item.question, answer: answer.value, kb: kb.value, citations, feedback_id: item.id }),
        });
        status.textContent = `已保存（编号 ${made.id}）：之后相近的问题会先得到这个答案。`;
      } catch (e) { status.textContent = "保存失败：" + errorMessage(e); }
    });
    return h("details", { class: "correction" }, h("summary", null, item.curated_id ? "再写一个校正答案" : "写校正答案"),
      answer, h("div", null, "知识库 ", kb), h("div", null, "引用段落："), picks, h("div", null, query, search), found, save, status);
  }

  function entry(item) {
    return h("li", { class: "feedback-entry", "data-feedback-id": item.id },
      h("div", { class: "feedback-head" }, item.rating > 0 ? "👍 " : "👎 ", h("strong", null, item.question),
        h("span", { class: "muted" }, `  ${item.owner || "（单用户模式）"} · ${new Date(item.created_at * 1000).toLocaleString("zh-CN")} · ${(item.kbs || []).join("、")}`)),
      item.comment ? h("p", { class: "feedback-comment-text" }, "意见：" + item.comment) : null,
      h("p", { class: "feedback-answer muted" }, "回答：" + (item.answer || "")),
      item.curated_id ? h("p", { class: "curated-label" }, "已人工校正") : null,
      correctionForm(item));
  }

  async function load() {
    try {
      const items = await getJSON("/api/feedback");
      summary.textContent = items.length ? `共 ${items.length} 条反馈` : "还没有反馈。";
      list.replaceChildren(...items.map(entry));
    } catch (e) {
      summary.textContent = "读取反馈失败：" + errorMessage(e);
    }
  }
  load();
})();
