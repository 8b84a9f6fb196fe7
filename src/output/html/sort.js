// Click a header of a table.sortable to sort its rows; numbers sort as numbers.
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead ? table.tHead.rows[0].cells : [];
  Array.prototype.forEach.call(heads, function (th, col) {
    th.classList.add("sortable");
    th.tabIndex = 0;
    function sort() {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[col];
        var v = cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
        var n = parseFloat(v);
        return isNaN(n) || !/^-?[\d.]+%?$/.test(v) ? { s: v.toLowerCase() } : { n: n };
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), r;
        if (x.n !== undefined && y.n !== undefined) r = x.n - y.n;
        else if (x.n !== undefined) r = -1;
        else if (y.n !== undefined) r = 1;
        else r = x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
        return asc ? r : -r;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
  });
});
