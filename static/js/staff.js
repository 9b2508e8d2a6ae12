// The secretary's editor: drag and drop for the agenda, keyboard focus kept across htmx swaps,
// one-click texts, and no files dropped into the rich-text editor (attachments have their own form).
(function () {
  "use strict";

  function initSortable(root) {
    root.querySelectorAll("[data-sortable]").forEach(function (list) {
      if (list.dataset.sortableReady || typeof Sortable === "undefined") return;
      list.dataset.sortableReady = "1";
      Sortable.create(list, {
        handle: ".drag-handle",
        animation: 150,
        onEnd: function () {
          var ids = Array.from(list.children).map(function (li) { return li.dataset.id; });
          // The list is the source, so the request inherits the CSRF header set on #agenda.
          htmx.ajax("POST", list.dataset.reorderUrl, { source: list, target: "#agenda", swap: "outerHTML", values: { item: ids } });
        },
      });
    });
  }

  var lastFocusedId = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var active = document.activeElement;
    lastFocusedId = active && active.id ? active.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!lastFocusedId) return;
    var again = document.getElementById(lastFocusedId);
    if (again && !again.disabled) again.focus();
  });

  document.addEventListener("htmx:load", function (event) { initSortable(event.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { initSortable(document); });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fill-target]");
    if (!button) return;
    var field = document.getElementById(button.dataset.fillTarget);
    if (!field) return;
    if (field.editor) {
      // A rich-text editor: its content becomes the text, which it writes to its hidden input itself.
      field.editor.loadHTML("<div>" + button.dataset.fillValue.replace(/&/g, "&amp;").replace(/</g, "&lt;") + "</div>");
    } else {
      field.value = button.dataset.fillValue;
    }
    field.focus();
  });

  document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
})();
