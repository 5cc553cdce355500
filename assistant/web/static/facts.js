// Sortable tables on /facts: click a header (or press Enter/Space on it) to sort by that
// column; click again to reverse. Numbers sort by the cell's data-value, text by its
// textContent (Chinese collation). No text is ever written as HTML.
(function () {
  "use strict";

  var collator = typeof Intl !== "undefined" && Intl.Collator ? new Intl.Collator("zh-CN", { numeric: true }) : null;

  function cellKey(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return numeric ? null : "";
    if (numeric) {
      var raw = cell.getAttribute("data-value");
      if (raw === null || raw === "") return null;
      var value = parseFloat(raw);
      return isNaN(value) ? null : value;
    }
    return (cell.textContent || "").trim();
  }

  function compare(a, b, numeric) {
    if (numeric) {
      if (a === null && b === null) return 0;
      if (a === null) return 1; // empty cells last
      if (b === null) return -1;
      return a - b;
    }
    return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0);
  }

  function sortBy(table, header, index) {
    var body = table.tBodies[0];
    if (!body) return;
    var numeric = header.getAttribute("data-sort") === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows).filter(function (row) { return row.cells.length > 1; });
    var keyed = rows.map(function (row, position) {
      return { row: row, key: cellKey(row, index, numeric), position: position };
    });
    keyed.sort(function (x, y) {
      var result = compare(x.key, y.key, numeric);
      if (result === 0) return x.position - y.position; // stable
      if (numeric && (x.key === null || y.key === null)) return result; // empty last either way
      return ascending ? result : -result;
    });
    keyed.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(header.parentNode.children, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function setup(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (header, index) {
      if (!header.hasAttribute("data-sort")) return;
      header.tabIndex = 0;
      header.classList.add("facts-sort");
      header.title = "点击排序";
      header.addEventListener("click", function () { sortBy(table, header, index); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, header, index);
        }
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
