// Keyboard navigation for the Forewarn dashboard: no dependencies, nothing fetched.
// "/" focuses search; j/k move through rows marked data-nav; Enter opens the row's first link;
// "g" then o/s/a/m goes to overview, search, articles, map.
(function () {
  "use strict";
  var current = -1, pendingG = false;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-nav]")); }
  function typing(el) { return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable); }
  function select(i) {
    var all = rows(); if (!all.length) return;
    if (current >= 0 && all[current]) all[current].classList.remove("current");
    current = Math.max(0, Math.min(all.length - 1, i));
    var row = all[current]; row.classList.add("current");
    var link = row.querySelector("a"); if (link) link.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    if (pendingG) {
      pendingG = false;
      var go = { o: "/", s: "/search", a: "/articles", m: "/map" }[ev.key];
      if (go) { ev.preventDefault(); window.location.href = go; }
      return;
    }
    if (ev.key === "/") { ev.preventDefault(); var q = document.getElementById("quick-q"); if (q) q.focus(); }
    else if (ev.key === "j") { ev.preventDefault(); select(current + 1); }
    else if (ev.key === "k") { ev.preventDefault(); select(current - 1); }
    else if (ev.key === "g") { pendingG = true; }
  });
})();
