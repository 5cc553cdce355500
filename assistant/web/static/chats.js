/* Chats kept on the server (历史对话: reopen, rename, delete, on any browser once signed in)
   and feedback on answers (👍/👎 with a comment). Loaded before chat.js, which calls
   CHATS.chatFor / answered / reset / feedbackBar; CHAT_PAGE.load (from chat.js) shows a chat. */
"use strict";

window.CHATS = (() => {
  const { h, getJSON, errorMessage } = W;
  const login = (document.getElementById("account-login") || {}).textContent || "";
  const CURRENT_KEY = "wenming.chat.current" + (login ? ":" + login : "");
  let current = Number(localStorage.getItem(CURRENT_KEY) || 0) || null;
  let available = true; // false when the server keeps no chats (accounts database unreachable)

  const $ = (id) => document.getElementById(id);
  const JSON_HEADERS = { "Content-Type": "application/json" };

  function remember(id) {
    current = id || null;
    try {
      if (current) localStorage.setItem(CURRENT_KEY, String(current));
      else localStorage.removeItem(CURRENT_KEY);
    } catch (e) { /* private mode: the chat is still kept on the server */ }
  }

  /* The chat a question goes into: the current one, else 0 (the server starts one named after it);
     null when the server keeps no chats. */
  function chatFor() { return available ? (current || 0) : null; }

  function reset() { remember(null); refresh(); }

  /* An answer arrived: its chat becomes the current one (unless 新对话 was pressed meanwhile). */
  function answered(data, stillShown) {
    if (stillShown && data && data.chat_id) remember(data.chat_id);
    refresh();
  }

  async function rename(chat) {
    const title = prompt("对话标题：", chat.title);
    if (title === null || !title.trim()) return;
    try {
      await getJSON(`/api/chats/${chat.id}`, { method: "PATCH", headers: JSON_HEADERS, body: JSON.stringify({ title }) });
    } catch (e) { alert("重命名失败：" + errorMessage(e)); }
    refresh();
  }

  async function remove(chat) {
    if (!confirm(`删除对话“${chat.title}”？`)) return;
    try {
      const response = await fetch(`/api/chats/${chat.id}`, { method: "DELETE" });
      if (!response.ok && response.status !== 404) throw new Error(await W.errorDetail(response));
    } catch (e) { alert("删除失败：" + errorMessage(e)); }
    if (chat.id === current) { remember(null); if (window.CHAT_PAGE) CHAT_PAGE.load([]); }
    refresh();
  }

  /* A chat's turns as the page's messages (the same shape chat.js keeps). */
  function messagesOf(turns) {
    const out = [];
    for (const t of turns) {
      out.push({ role: "user", content: t.question, mode: t.mode });
      out.push({ role: "assistant", content: t.answer.answer || "", question: t.question, mode: t.mode, data: t.answer });
    }
    return out;
  }

  async function open(chat) {
    try {
      const detail = await getJSON(`/api/chats/${chat.id}`);
      remember(detail.id);
      if (window.CHAT_PAGE) CHAT_PAGE.load(messagesOf(detail.messages || []));
      const menu = $("chat-history");
      if (menu) menu.open = false;
      refresh();
    } catch (e) { alert("打开对话失败：" + errorMessage(e)); }
  }

  async function refresh() {
    const list = $("chat-list");
    if (!list) return;
    let chats;
    try {
      chats = await getJSON("/api/chats");
      available = true;
    } catch (e) {
      available = false; // questions are answered without being kept until the list loads again
      list.replaceChildren(h("li", { class: "muted" }, "对话记录暂不可用"));
      return;
    }
    if (current && !chats.some((c) => c.id === current)) remember(null);
    list.replaceChildren(...(chats.length ? chats.map((chat) => h("li", { class: chat.id === current ? "chat-item current" : "chat-item", "data-chat-id": chat.id },
      h("button", { type: "button", class: "chat-open", onclick: () => open(chat), title: chat.title }, chat.title),
      h("button", { type: "button", class: "chat-rename link-button", onclick: () => rename(chat), "aria-label": `重命名 ${chat.title}` }, "重命名"),
      h("button", { type: "button", class: "chat-delete link-button", onclick: () => remove(chat), "aria-label": `删除 ${chat.title}` }, "删除"),
    )) : [h("li", { class: "muted" }, "还没有保存的对话")]));
  }

  /* 👍/👎 and a comment under an answer kept in a chat (it has a turn_id). */
  function feedbackBar(data) {
    if (!data || !data.turn_id) return null;
    const status = h("span", { class: "feedback-status muted", role: "status" });
    const comment = h("input", { type: "text", class: "feedback-comment", maxlength: 2000, placeholder: "意见（可选）", "aria-label": "意见" });
    async function send(rating) {
      try {
        await getJSON("/api/feedback", {
          method: "POST", headers: JSON_HEADERS,
          body: JSON.stringify({ turn_id: data.turn_id, rating, comment: comment.value.trim() }),
        });
        status.textContent = rating > 0 ? "已评价：有帮助" : "已评价：没帮助，编辑会看到";
      } catch (e) { status.textContent = "评价失败：" + errorMessage(e); }
    }
    return h("div", { class: "feedback-bar" },
      h("button", { type: "button", class: "feedback-up", "aria-label": "有帮助", onclick: () => send(1) }, "👍"),
      h("button", { type: "button", class: "feedback-down", "aria-label": "没帮助", onclick: () => send(-1) }, "👎"),
      comment, status);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const menu = $("chat-history");
    if (menu) menu.addEventListener("toggle", () => { if (menu.open) refresh(); });
    refresh();
  });

  return { chatFor, reset, answered, feedbackBar, refresh, current: () => current };
})();
