/* Step-by-step guide (可视化操作指引): one step at a time, by button or arrow key; all steps without JS and in print. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  var guide = document.querySelector("[data-stepper]");
  if (!guide) { return; }
  var steps = Array.prototype.slice.call(guide.querySelectorAll("[data-step]"));
  var controls = guide.querySelector("[data-controls]");
  var status = guide.querySelector("[data-status]");
  var prev = guide.querySelector("[data-prev]");
  var next = guide.querySelector("[data-next]");
  var all = guide.querySelector("[data-all]");
  if (steps.length < 2 || !controls) { return; }
  var current = 0;
  var showingAll = false;
  var fromHash = steps.findIndex(function (s) { return "#" + s.id === window.location.hash; });
  if (fromHash >= 0) { current = fromHash; }

  function render(moveFocus) {
    steps.forEach(function (step, i) {
      step.classList.toggle("is-hidden", !showingAll && i !== current);
      step.setAttribute("aria-current", !showingAll && i === current ? "step" : "false");
    });
    prev.disabled = showingAll || current === 0;
    next.disabled = showingAll || current === steps.length - 1;
    prev.hidden = next.hidden = showingAll;
    all.textContent = showingAll ? "逐步查看" : "显示全部步骤";
    status.textContent = showingAll ? "共 " + steps.length + " 步，已全部显示" : "第 " + (current + 1) + " 步，共 " + steps.length + " 步";
    if (moveFocus && !showingAll) {
      var heading = steps[current].querySelector("h2");
      if (heading) { heading.focus(); }
    }
  }
  function go(delta) {
    var target = current + delta;
    if (showingAll || target < 0 || target >= steps.length) { return; }
    current = target;
    if (history.replaceState) { history.replaceState(null, "", "#" + steps[current].id); }
    render(true);
  }
  prev.addEventListener("click", function () { go(-1); });
  next.addEventListener("click", function () { go(1); });
  all.addEventListener("click", function () { showingAll = !showingAll; render(false); });
  guide.addEventListener("keydown", function (event) {
    if (event.target.matches("input, textarea, select")) { return; }
    if (event.key === "ArrowRight" || event.key === "PageDown") { event.preventDefault(); go(1); }
    if (event.key === "ArrowLeft" || event.key === "PageUp") { event.preventDefault(); go(-1); }
  });
  controls.hidden = false;
  guide.classList.add("is-stepper");
  render(false);
})();
