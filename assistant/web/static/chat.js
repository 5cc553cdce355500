/* The chat page: streamed answers with clickable citation markers, a side panel with
   the cited passage, filters, drafting mode, and the conversation kept in localStorage. */
"use strict";

(() => {
  const { h, highlighted, errorDetail, errorMessage, getJSON, retryNote, documentUrl } = W;
  const scanPageUrl = (docId, page, chunkId) =>
    `/documents/${encodeURIComponent(docId)}/pages/${Number(page)}?chunk=${encodeURIComponent(chunkId)}`;
  // Kept per signed-in user: another user of the same browser does not see this conversation.
  const LOGIN = (document.getElementById("account-login") || {}).textContent || "";
  const STORE_KEY = "wenming.chat.v1" + (LOGIN ? ":" + LOGIN : "");
  const CHATS = window.CHATS || null; // chats.js: the conversation kept on the server, feedback
  const HISTORY_TURNS = 6; // sent with each question: the last 6 turns (user + assistant)
  const KEEP_MESSAGES = 60;

  const $ = (id) => document.getElementById(id);
  const layout = $("layout"), messagesEl = $("messages"), emptyEl = $("empty");
  const form = $("composer"), input = $("question"), sendButton = $("send");
  const counter = $("counter");
  const panel = $("panel");
  const MAX_CHARS = Number(input.dataset.max) || 2000;
  // 润色: drafts polished by the server's LLM; the page has the option only when one is configured.
  const polishBox = $("polish"), polishOption = $("polish-option");

  /* ---------- state ---------- */
  function load() {
    try {
      const data = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (data && Array.isArray(data.messages)) {
        return { messages: data.messages, mode: data.mode === "draft" ? "draft" : "qa", filters: data.filters || {},
          polish: data.polish === true };
      }
    } catch (e) { /* corrupted: start afresh */ }
    return { messages: [], mode: "qa", filters: {}, polish: false };
  }
  const state = load();
  let busy = false;
  // Each conversation has its own number: an answer that arrives after 新对话 belongs to none.
  let conversation = 0;
  let inFlight = null; // AbortController of the request being answered

  function save() {
    state.messages = state.messages.slice(-KEEP_MESSAGES);
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) { // quota: keep fewer
      state.messages = state.messages.slice(-10);
      try { localStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e2) { /* give up */ }
    }
  }

  function history() {
    const turns = state.messages.filter((m) => !m.error && !m.failed && typeof m.content === "string" && m.content);
    return turns.slice(-HISTORY_TURNS * 2).map((m) => ({ role: m.role, content: m.content }));
  }

  function activeFilters() {
    const out = {};
    for (const [key, value] of Object.entries(state.filters || {})) if (value) out[key] = value;
    return out;
  }

  /* ---------- citation panel ---------- */
  let activeCite = null;

  function openPanel(passage, n, spans, trigger) {
    $("panel-n").textContent = n ? `[${n}]` : "相关";
    $("panel-title").textContent = passage.title || passage.source || "";
    const meta = $("panel-meta");
    meta.replaceChildren();
    const rows = [
      ["文件", passage.source],
      ["章节", (passage.heading || "").split(" > ").join(" › ")],
      ["年份", passage.year],
      ["单位", passage.body],
      ["类型", passage.kind],
      ["完成时间", passage.deadline],
    ];
    for (const [label, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      meta.append(h("dt", null, label), h("dd", null, String(value)));
    }
    const text = $("panel-text");
    text.replaceChildren(highlighted(passage.text || "", spans || []));
    // A passage read by OCR links to its page image, its lines highlighted; others to the text.
    const link = $("panel-link");
    if (passage.ocr_page > 0) {
      link.setAttribute("href", scanPageUrl(passage.doc_id, passage.ocr_page, passage.chunk_id));
      link.textContent = `查看扫描原页（第 ${passage.ocr_page} 页）→`;
    } else {
      link.setAttribute("href", documentUrl(passage.doc_id, passage.chunk_id));
      link.textContent = "在原文中查看 →";
    }
    panel.hidden = false;
    layout.classList.add("with-panel");
    if (activeCite) activeCite.classList.remove("active");
    activeCite = trigger || null;
    if (activeCite) activeCite.classList.add("active");
    const first = text.querySelector("mark");
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function closePanel() {
    panel.hidden = true;
    layout.classList.remove("with-panel");
    if (activeCite) activeCite.classList.remove("active");
    activeCite = null;
  }
  $("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !panel.hidden) closePanel(); });

  function citeButton(citation) {
    const button = h("button", {
      type: "button", class: "cite", "data-n": citation.n,
      "aria-label": `引用 ${citation.n}：${citation.title || citation.source || ""}`,
      title: `${citation.title || ""} ${citation.heading || ""}`.trim(),
    }, `[${citation.n}]`);
    button.addEventListener("click", () => openPanel(citation, citation.n, citation.spans, button));
    return button;
  }

  /* Answer text with every [n] marker as a button (text as text nodes). */
  function answerNodes(text, citations) {
    const byN = new Map((citations || []).map((c) => [Number(c.n), c]));
    const fragment = document.createDocumentFragment();
    const marker = /\[(\d+)\]/g;
    let last = 0, match;
    while ((match = marker.exec(text))) {
      if (match.index > last) fragment.append(text.slice(last, match.index));
      const citation = byN.get(Number(match[1]));
      fragment.append(citation ? citeButton(citation) : match[0]);
      last = marker.lastIndex;
    }
    if (last < text.length) fragment.append(text.slice(last));
    return fragment;
  }

  /* ---------- rendering ---------- */
  function renderUser(message) {
    return h("div", { class: "msg msg-user" },
      message.mode === "draft" ? h("span", { class: "msg-mode" }, message.polish ? "迎检材料起草 · 润色" : "迎检材料起草") : null,
      message.content);
  }

  function sourcesList(citations) {
    if (!citations || !citations.length) return null;
    return h("div", { class: "sources" },
      h("h3", null, "引用来源"),
      citations.map((c) => {
        const item = h("button", { type: "button", class: "source-item", "data-n": c.n },
          h("span", { class: "source-n" }, `[${c.n}]`),
          h("span", null, c.title || c.source || "",
            c.heading ? h("span", { class: "source-heading" }, " · " + c.heading.split(" > ").pop()) : null));
        item.addEventListener("click", () => openPanel(c, c.n, c.spans, item));
        return item;
      }));
  }

  function relatedList(related) {
    if (!related || !related.length) return null;
    return h("div", { class: "related" },
      h("h3", null, "最接近的段落（供参考，并非答案）"),
      related.map((p) => {
        const text = p.text || "";
        const item = h("button", { type: "button", class: "source-item related-item" },
          h("span", null, p.title || p.source || "",
            p.heading ? h("span", { class: "source-heading" }, " · " + p.heading.split(" > ").pop()) : null),
          h("span", { class: "snippet" }, text.length > 90 ? text.slice(0, 90) + "…" : text));
        item.addEventListener("click", () => openPanel(p, null, [], item));
        return item;
      }));
  }

  function plainDraft(data) {
    // The answer text is the whole draft: title, scope line, sections, 数据来源 and notes.
    return data.answer || "";
  }

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) { // http on a LAN address has no clipboard API
      const area = h("textarea", { class: "sr-only", readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      try { document.execCommand("copy"); } catch (e2) { /* nothing more to try */ }
      area.remove();
    }
    const label = button.textContent;
    button.textContent = "已复制";
    setTimeout(() => { button.textContent = label; }, 1500);
  }

  async function downloadDocx(message, button) {
    button.disabled = true;
    try {
      const response = await fetch("/api/draft.docx", {
        method: "POST", headers: { "Content-Type": "application/json" },
        // A polished draft: the server gives back the polished text it showed (it keeps the last ones).
        body: JSON.stringify({ question: message.question, mode: "draft", filters: message.filters || {}, history: [],
          polish: Boolean(message.polish || (message.data && message.data.answerer === "llm")) }),
      });
      if (!response.ok) throw new Error(await errorDetail(response));
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const title = ((message.data && message.data.answer) || message.question || "").split("\n")[0];
      const link = h("a", { href: url, download: `${title.slice(0, 40)}.docx` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      alert("下载失败：" + e.message);
    } finally {
      button.disabled = false;
    }
  }

  function draftBody(message) {
    const data = message.data;
    const citations = data.citations || [];
    const byN = new Map(citations.map((c) => [Number(c.n), c]));
    const title = (data.answer || "").split("\n")[0];
    const notes = (data.notes || []).map((n) => h("p", { class: "draft-note muted" }, n));
    const sections = (data.sections || []).map((s) => h("section", { class: `draft-section level-${s.level || 1}` },
      h(s.level === 2 ? "h4" : "h3", null, s.heading),
      (s.sentences || []).length ? h("p", null, s.sentences.flatMap((x) => {
        const c = byN.get(Number(x.citation));
        // A sentence the model polished (checked against its passage) keeps its original as a tooltip.
        const text = x.polished && x.original && x.original !== x.text
          ? h("span", { class: "polished", title: "原文摘录：" + x.original }, x.text) : x.text;
        return [text, c ? citeButton(c) : `[${x.citation}]`];
      })) : null));
    const copy = h("button", { type: "button", class: "copy-draft" }, "复制全文");
    copy.addEventListener("click", () => copyText(plainDraft(data), copy));
    const docx = h("button", { type: "button", class: "download-docx" }, "下载 .docx");
    docx.addEventListener("click", () => downloadDocx(message, docx));
    return [h("div", { class: "draft" }, h("h2", { class: "draft-title" }, title), notes.slice(0, 1), sections, notes.slice(1)),
      h("div", { class: "draft-actions" }, copy, docx)];
  }

  function renderAssistant(message) {
    const el = h("div", { class: "msg msg-assistant" });
    fillAssistant(el, message);
    return el;
  }

  function fillAssistant(el, message) {
    el.replaceChildren();
    el.className = "msg msg-assistant";
    if (message.error) {
      el.classList.add("error");
      el.append(retryNote("出错了：" + message.error, () => retry(message), "answer-text error-note"));
      return;
    }
    const data = message.data || { answer: message.content || "", citations: [], related: [] };
    if (data.resolved_question && data.question && data.resolved_question !== data.question) {
      el.append(h("div", { class: "resolved" }, `按“${data.resolved_question}”理解`));
    }
    if (data.refused) {
      el.classList.add("refused");
      el.append(h("span", { class: "refused-label" }, "未找到答案"),
        h("div", { class: "answer-text" }, data.answer || ""),
        relatedList(data.related));
      return;
    }
    if (data.mode === "draft" && (data.sections || []).length) {
      el.classList.add("draft-answer");
      el.append(h("div", { class: "draft-topic muted" }, "迎检材料草稿：" + (data.question || "")), ...draftBody(message));
    } else {
      el.append(h("div", { class: "answer-text" }, answerNodes(data.answer || "", data.citations)));
    }
    // The LLM reader: who wrote the answer, and why its answer was not shown.
    if (data.answerer === "curated") { // written by an editor (标注): say so, and for which question
      el.prepend(h("span", { class: "curated-label" }, "已人工校正"));
      el.append(h("div", { class: "curated-note muted" }, (data.notes || []).join("；")));
    }
    // A draft shows all its notes itself (draftBody), the one about polishing included.
    const isDraft = data.mode === "draft" && (data.sections || []).length;
    const llmNotes = isDraft ? [] : (data.notes || []).filter((n) => /^(LLM|模型|已停止)/.test(n));
    if (data.answerer === "llm" && !isDraft) llmNotes.unshift("由模型根据段落撰写，每句的数字和名称已与所引段落核对");
    if (llmNotes.length) el.append(h("div", { class: "llm-note muted" }, llmNotes.join("；")));
    el.append(sourcesList(data.citations));
    const feedback = CHATS && CHATS.feedbackBar(data); // none for an answer the server did not keep (停止)
    if (feedback) el.append(feedback);
  }

  function renderAll() {
    messagesEl.replaceChildren();
    for (const message of state.messages) {
      messagesEl.append(message.role === "user" ? renderUser(message) : renderAssistant(message));
    }
    emptyEl.hidden = state.messages.length > 0;
  }

  /* ---------- asking ---------- */
  function parseFrame(frame) {
    let event = "message";
    const data = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (!data.length) return null;
    try { return { event, data: JSON.parse(data.join("\n")) }; } catch (e) { return null; }
  }

  /* The answer as server-sent events: citations, the text, done; or an error event (Chinese). */
  async function askStream(body, signal, onCitations, onText, onLlm) {
    const response = await fetch("/api/ask/stream", {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body), signal,
    });
    if (!response.ok) {
      const error = new Error(await errorDetail(response));
      error.status = response.status;
      throw error;
    }
    if (!response.body || !response.body.getReader) {
      const error = new Error("streaming not supported");
      error.noStream = true;
      throw error;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const frame = parseFrame(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (!frame) continue;
        if (frame.event === "citations") onCitations(frame.data);
        else if (frame.event === "delta") onText(frame.data.text || "");
        else if (frame.event === "progress" || frame.event === "llm_delta") { if (onLlm) onLlm(frame.event, frame.data); }
        else if (frame.event === "done") { reader.cancel().catch(() => {}); return frame.data; }
        else if (frame.event === "error") {
          const error = new Error(frame.data.detail || "");
          error.status = frame.data.status || 500;
          throw error;
        }
      }
    }
    const error = new Error("回答的传输中断了，请重试。");
    error.status = 502;
    throw error;
  }

  function finish() {
    busy = false;
    inFlight = null;
    sendButton.disabled = false;
    showCount();
  }

  async function ask(question) {
    question = (question || "").trim();
    if (!question || busy) return false;
    if (question.length > MAX_CHARS) { showCount(); return false; }
    busy = true;
    sendButton.disabled = true;
    const mine = conversation;
    const controller = new AbortController();
    inFlight = controller;
    // A draft topic stands alone; questions carry the recent turns to resolve follow-ups.
    const body = { question, history: state.mode === "draft" ? [] : history(), mode: state.mode, filters: activeFilters() };
    // Disabled and checked: the server polishes every draft (ASSISTANT_DRAFT_POLISH).
    const polish = state.mode === "draft" && Boolean(polishBox) && (polishBox.disabled || state.polish);
    if (polish) body.polish = true;
    const chatId = CHATS ? CHATS.chatFor() : null; // the chat kept on the server (0: a new one)
    if (chatId !== null) body.chat_id = chatId;
    const user = { role: "user", content: question, mode: state.mode, polish };
    state.messages.push(user);
    save();
    emptyEl.hidden = true;
    messagesEl.append(renderUser(user));
    const el = h("div", { class: "msg msg-assistant pending" }, h("div", { class: "answer-text" }));
    messagesEl.append(el);
    el.scrollIntoView({ block: "end", behavior: "smooth" });

    const message = { role: "assistant", content: "", question, mode: state.mode, filters: body.filters, polish };
    let data = null;
    const llm = { extractive: null, stopped: false, timer: null, text: "" };
    try {
      let citations = [];
      const live = el.querySelector(".answer-text");
      data = await askStream(body, controller.signal, (first) => { citations = first.citations || []; }, (text) => {
        live.classList.remove("llm-draft");
        live.replaceChildren(answerNodes(text, citations));
      }, (event, info) => {
        if (event === "llm_delta") { // the model's words as it writes them: not yet checked
          llm.text += info.text || "";
          live.classList.add("llm-draft");
          live.textContent = llm.text;
          return;
        }
        llm.extractive = info.extractive;
        const started = Date.now();
        const status = h("span", { class: "llm-status", role: "status" });
        const tick = () => { status.textContent = `${info.text}（已等待 ${Math.round((Date.now() - started) / 1000)} 秒，最长 ${Math.round(info.timeout_s)} 秒）`; };
        const stop = h("button", { type: "button", class: "llm-stop" }, "停止");
        stop.addEventListener("click", () => { llm.stopped = true; controller.abort(); });
        tick();
        llm.timer = setInterval(tick, 1000);
        el.prepend(h("div", { class: "llm-bar" }, status, stop));
      });
    } catch (error) {
      if (llm.stopped && llm.extractive && mine === conversation) { // 停止: the answer found without the model
        const stopped = llm.extractive.mode === "draft" ? "已停止模型润色，显示原文摘录" : "已停止模型生成，显示原文摘录";
        data = { ...llm.extractive, notes: [...(llm.extractive.notes || []), stopped] };
        message.polish = false; // its .docx is the extractive draft shown, not one polished again
      } else if (controller.signal.aborted || mine !== conversation) { // 新对话 was pressed: nothing to add
        return false;
      } else if (error.noStream) {
        try {
          data = await getJSON("/api/ask", {
            method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
            signal: controller.signal,
          });
        } catch (fallbackError) {
          message.error = errorMessage(fallbackError);
        }
      } else {
        message.error = errorMessage(error);
      }
    }
    clearInterval(llm.timer);
    if (mine !== conversation) return false; // the conversation it belonged to is gone
    if (data) {
      message.data = data;
      message.content = data.answer || "";
    } else {
      user.failed = true; // not sent as history; 重试 asks it again
      if (!input.value.trim()) { input.value = question; autosize(); showCount(); } // the typed question is kept
    }
    state.messages.push(message);
    save();
    fillAssistant(el, message);
    finish();
    if (CHATS && data) CHATS.answered(data, mine === conversation);
    el.scrollIntoView({ block: "nearest", behavior: "smooth" });
    return Boolean(data);
  }

  /* 重试: the failed question and its error leave the conversation, and the question is asked again. */
  function retry(message) {
    if (busy) return;
    const at = state.messages.indexOf(message);
    if (at >= 0) {
      const before = state.messages[at - 1];
      const from = before && before.role === "user" ? at - 1 : at;
      state.messages.splice(from, at - from + 1);
    }
    if (message.mode && message.mode !== state.mode) setMode(message.mode);
    save();
    renderAll();
    if (input.value.trim() === (message.question || "").trim()) { input.value = ""; autosize(); }
    ask(message.question);
  }

  /* ---------- composing ---------- */
  function showCount() {
    const length = input.value.trim().length;
    const over = length > MAX_CHARS;
    counter.classList.toggle("over", over);
    counter.hidden = length < MAX_CHARS * 0.8 && !over;
    counter.textContent = over
      ? `问题共 ${length} 字，超过 ${MAX_CHARS} 字的上限，请删减 ${length - MAX_CHARS} 字后再发送（不会自动截断）。`
      : `${length} / ${MAX_CHARS} 字`;
    input.setAttribute("aria-invalid", over ? "true" : "false");
    sendButton.disabled = busy || over;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value;
    if (busy || !text.trim()) return;
    if (text.trim().length > MAX_CHARS) { showCount(); input.focus(); return; }
    input.value = "";
    autosize();
    showCount();
    ask(text);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  function autosize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 180) + "px";
  }
  input.addEventListener("input", () => { autosize(); showCount(); });

  for (const button of document.querySelectorAll(".example")) {
    button.addEventListener("click", () => ask(button.textContent));
  }

  $("new-chat").addEventListener("click", () => {
    conversation += 1; // an answer still on its way is dropped, not added to the new conversation
    if (inFlight) inFlight.abort();
    finish();
    state.messages = [];
    save();
    closePanel();
    renderAll();
    if (CHATS) CHATS.reset();
    input.focus();
  });

  /* A chat reopened from the list (chats.js) replaces the conversation shown. */
  window.CHAT_PAGE = {
    load(messages) {
      conversation += 1;
      if (inFlight) inFlight.abort();
      finish();
      state.messages = messages;
      save();
      closePanel();
      renderAll();
      if (state.messages.length) messagesEl.lastElementChild.scrollIntoView({ block: "end" });
    },
  };

  /* ---------- mode ---------- */
  const placeholders = {
    qa: "输入问题，例如：下半年垃圾分类工作的完成时间？",
    draft: "输入迎检材料主题，例如：垃圾分类工作开展情况",
  };
  function setMode(mode) {
    state.mode = mode === "draft" ? "draft" : "qa";
    for (const button of document.querySelectorAll(".mode")) {
      const on = button.dataset.mode === state.mode;
      button.classList.toggle("active", on);
      button.setAttribute("aria-checked", on ? "true" : "false");
    }
    const narrow = window.matchMedia("(max-width: 560px)").matches;
    input.placeholder = narrow ? (state.mode === "draft" ? "输入迎检材料主题…" : "输入问题…") : placeholders[state.mode];
    sendButton.textContent = state.mode === "draft" ? "起草" : "发送";
    if (polishOption) polishOption.hidden = state.mode !== "draft";
    save();
  }
  if (polishBox && !polishBox.disabled) {
    polishBox.checked = state.polish;
    polishBox.addEventListener("change", () => { state.polish = polishBox.checked; save(); });
  }
  for (const button of document.querySelectorAll(".mode")) {
    button.addEventListener("click", () => setMode(button.dataset.mode));
  }

  /* ---------- filters ---------- */
  const selects = Array.from(document.querySelectorAll("select[data-filter]"));
  function showFilterCount() {
    const n = Object.keys(activeFilters()).length;
    $("filter-count").textContent = n ? String(n) : "";
  }
  function fillSelect(select, values) {
    const current = (state.filters || {})[select.dataset.filter] || "";
    select.replaceChildren(h("option", { value: "" }, "全部"));
    for (const value of values) select.append(h("option", { value: String(value) }, String(value)));
    select.value = values.map(String).includes(String(current)) ? String(current) : "";
  }
  async function loadFilterOptions() {
    try {
      const docs = await getJSON("/api/documents");
      const years = new Set(), bodies = new Set(), kinds = new Set();
      for (const d of docs) {
        for (const y of d.years || []) years.add(y);
        if (d.body) bodies.add(d.body);
        if (d.kind) kinds.add(d.kind);
      }
      fillSelect($("f-year"), Array.from(years).sort((a, b) => b - a));
      fillSelect($("f-body"), Array.from(bodies).sort());
      fillSelect($("f-kind"), Array.from(kinds).sort());
      state.filters = Object.fromEntries(selects.map((s) => [s.dataset.filter, s.value]));
      showFilterCount();
    } catch (e) {
      setTimeout(loadFilterOptions, 3000); // still starting
    }
  }
  for (const select of selects) {
    select.addEventListener("change", () => {
      state.filters = { ...(state.filters || {}), [select.dataset.filter]: select.value };
      showFilterCount();
      save();
    });
  }
  $("f-clear").addEventListener("click", () => {
    for (const select of selects) select.value = "";
    state.filters = {};
    showFilterCount();
    save();
  });

  /* ---------- start ---------- */
  // A question saved without its answer (the page was closed while it was answered) is offered again.
  const last = state.messages[state.messages.length - 1];
  if (last && last.role === "user") {
    state.messages.push({ role: "assistant", content: "", question: last.content, mode: last.mode || state.mode,
      error: "页面在回答完成前被关闭或刷新，这个问题没有得到回答。" });
    last.failed = true;
    save();
  }
  setMode(state.mode);
  renderAll();
  showCount();
  showFilterCount();
  loadFilterOptions();
  if (state.messages.length) messagesEl.lastElementChild.scrollIntoView({ block: "end" });
  input.focus();
})();
