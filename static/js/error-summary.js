// A refused form's error summary takes the focus when the page loads, so a screen reader reads
// it first and the next Tab is its first link (to the first field in error). Done here and not
// with `autofocus`: a page whose address ends in #main (after the skip link) would ignore it.
// The same after htmx swaps in a part of the page that holds a summary.
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = root.querySelector(".error-summary[tabindex]");
    if (summary) {
      summary.focus();
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusSummary(document);
  });
  // An address ending in #main moves the focus to <main> once the page has loaded: take it
  // back, unless the person has already moved on.
  window.addEventListener("load", function () {
    var active = document.activeElement;
    if (!active || active === document.body || active.id === "main") {
      focusSummary(document);
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    focusSummary(event.detail.target);
  });
})();
