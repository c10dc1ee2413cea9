/* Wagtail's rich-text editor (Draftail) copies what is typed into the form's hidden field only 250 ms after the last
   change of its state (the page editor's commentable Draftail keeps its own timer, which leaving the editor restarts),
   and not when the form is sent. A form sent sooner — 提交 or 保存草稿 clicked, Ctrl+S — carried the field as it stood
   before: a new item's 正文 arrived empty, an edit lost its last words.
   Here a form sent within that window waits until the editor has handed its content over, then is sent as the
   person sent it (the pressed button's name and value kept: 提交, 保存草稿, a review action). The content is
   serialised by Wagtail itself, not by this script. */
(function () {
  "use strict";

  var HANDOVER_MS = 300; // Draftail's 250 ms, and a margin
  var lastChange = 0;

  function inEditor(node) {
    return node && node.closest && node.closest(".Draftail-Editor");
  }

  // every change of the editor's state restarts its timer, a move of the cursor and leaving the editor included
  [
    "beforeinput", "input", "keydown", "keyup", "paste", "cut", "drop", "compositionend", "mouseup", "focusin",
    "focusout",
  ].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (inEditor(event.target)) {
        lastChange = Date.now();
      }
    }, true);
  });

  // capture, on the document: before Wagtail's own handlers of the form see it
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var wait = lastChange + HANDOVER_MS - Date.now();
    var submitter = event.submitter;
    if (wait <= 0 || !form.querySelector(".Draftail-Editor") || (submitter && submitter.hasAttribute("formaction"))) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    window.setTimeout(function () {
      // the button may be disabled by then (Wagtail's progress state), and a disabled button is not sent
      if (submitter && submitter.name && submitter !== form) {
        var pressed = document.createElement("input");
        pressed.type = "hidden";
        pressed.name = submitter.name;
        pressed.value = submitter.value;
        form.appendChild(pressed);
      }
      lastChange = 0;
      form.requestSubmit();
    }, wait);
  }, true);
})();
