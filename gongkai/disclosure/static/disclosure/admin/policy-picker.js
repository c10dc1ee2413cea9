/* 所解读的政策文件: instead of a list of hundreds of titles, type part of a title or 文号 and pick from the site's
   published policies (the admin's /admin/disclosure/policies/search/). The plain multiple select stays in the form and
   is what is sent; without scripts it is shown as before. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function label(option) {
    return option.textContent.trim();
  }

  function enhance(select) {
    var url = select.getAttribute("data-policy-search");
    var exclude = select.getAttribute("data-policy-exclude") || "";
    var id = select.id || "policies";
    var box = el("div", { "class": "gk-policy-picker" });
    var chosen = el("ul", { "class": "gk-policy-chosen", "aria-label": "已选的政策文件" });
    var search = el("input", {
      type: "search", id: id + "-search", autocomplete: "off", "class": "gk-policy-search",
      placeholder: "输入标题或文号的一部分查找", "aria-label": "查找政策文件（标题或文号）",
      "aria-controls": id + "-results",
    });
    var status = el("p", { "class": "help", role: "status", "aria-live": "polite" });
    var results = el("ul", { "class": "gk-policy-results", id: id + "-results", "aria-label": "查找结果" });
    box.append(chosen, search, status, results);
    select.hidden = true;
    select.after(box);

    function changed() {
      select.dispatchEvent(new Event("change", { bubbles: true }));
      showChosen();
    }

    function showChosen() {
      chosen.replaceChildren();
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        var item = el("li", {}, label(option) + " ");
        var remove = el("button", { type: "button", "class": "button button-small button-secondary" }, "移除");
        remove.setAttribute("aria-label", "移除：" + label(option));
        remove.addEventListener("click", function () { option.selected = false; changed(); search.focus(); });
        item.append(remove);
        chosen.append(item);
      });
      if (!select.selectedOptions.length) {
        chosen.append(el("li", { "class": "help" }, "尚未选择政策文件"));
      }
    }

    function show(rows, query) {
      results.replaceChildren();
      var shown = 0;
      rows.forEach(function (row) {
        var option = select.querySelector('option[value="' + row.id + '"]');
        if (!option || option.selected) { return; }
        var text = row.title + (row.doc_number ? "（" + row.doc_number + "）" : "");
        var item = el("li");
        var pick = el("button", { type: "button", "class": "button button-small button-secondary" }, "选择");
        pick.setAttribute("aria-label", "选择：" + text);
        pick.addEventListener("click", function () {
          option.selected = true;
          changed();
          item.remove();
          status.textContent = "已选择：" + text;
          search.focus();
        });
        item.append(pick, " " + text + (row.department ? "，" + row.department : ""));
        results.append(item);
        shown += 1;
      });
      if (shown) {
        status.textContent = "找到 " + shown + " 件，点“选择”加入";
      } else if (rows.length) {
        status.textContent = "与“" + query + "”相符的政策文件均已选择";
      } else {
        status.textContent = "未找到与“" + query + "”相符的已发布政策文件";
      }
    }

    var timer = null;
    var asked = 0;
    search.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = search.value.trim();
      if (!query) { results.replaceChildren(); status.textContent = ""; return; }
      timer = window.setTimeout(function () {
        var ask = ++asked;
        var address = url + "?q=" + encodeURIComponent(query) + (exclude ? "&exclude=" + exclude : "");
        fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
          })
          .then(function (data) { if (ask === asked) { show(data.results || [], query); } })
          .catch(function () { if (ask === asked) { status.textContent = "查找失败，请稍后重试"; } });
      }, 200);
    });
    // Enter in the search box looks things up; it does not send the page's form
    search.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
    showChosen();
  }

  function start() {
    document.querySelectorAll("select[data-policy-search]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
