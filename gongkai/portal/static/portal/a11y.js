/* gongkai 适老化 toolbar and kiosk (docs/portal.md). Loaded in <head> so the classes are on <html> before the first
 * paint. Without this script everything still works: the toolbar controls are links to /a11y/ and the styles come
 * from /a11y/mode.css. */
(function () {
  "use strict";
  var root = document.documentElement;
  var TOKEN = /^[a-z0-9-]+$/;

  function cookieClasses() {
    var match = document.cookie.match(/(?:^|;\s*)gk_a11y=([^;]*)/);
    if (!match) return [];
    return decodeURIComponent(match[1]).split(".").filter(function (t) { return TOKEN.test(t); })
      .map(function (t) { return "gk-" + t; });
  }

  function applyClasses(classes) {
    var keep = root.className.split(/\s+/).filter(function (c) { return c && c.indexOf("gk-") !== 0 && c !== "a11y-js"; });
    /* a11y-js: the tools drawn by this script (十字光标, 大字幕) may show their switches */
    root.className = keep.concat(["a11y-js"], classes).join(" ");
    if (classes.indexOf("gk-kiosk") !== -1) startKiosk();
    if (!root.classList.contains("gk-caption") && captionBar) captionBar.textContent = "";
  }

  /* 十字光标: two thin lines through the pointer, drawn only while html has gk-crosshair (a11y.css) */
  var lineH = null, lineV = null, captionBar = null;
  function ensureTools() {
    if (!document.body || lineH) return;
    lineH = document.createElement("div");
    lineH.className = "gk-crosshair-line gk-crosshair-h";
    lineV = document.createElement("div");
    lineV.className = "gk-crosshair-line gk-crosshair-v";
    /* 大字幕: repeats what is under the pointer or focused; screen readers already read the element itself */
    captionBar = document.createElement("div");
    captionBar.className = "gk-caption-bar";
    [lineH, lineV, captionBar].forEach(function (el) {
      el.setAttribute("aria-hidden", "true");
      document.body.appendChild(el);
    });
  }
  function on(name) { return root.classList.contains(name); }
  function moveCrosshair(event) {
    if (!on("gk-crosshair") || event.pointerType === "touch") return;
    ensureTools();
    /* CSSOM, not a style attribute: allowed by the strict CSP */
    lineH.style.transform = "translateY(" + Math.round(event.clientY) + "px)";
    lineV.style.transform = "translateX(" + Math.round(event.clientX) + "px)";
  }

  var CAPTION_MAX = 80;
  var READABLE = "a, button, label, summary, select, input, textarea, [role=button], img, caption, legend, th, td, " +
    "dt, dd, li, h1, h2, h3, h4, h5, h6, p, figcaption";
  function squeeze(text) { return (text || "").replace(/\s+/g, " ").trim(); }
  function ownText(el) {
    var out = "";
    for (var n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) out += n.nodeValue;
    return squeeze(out);
  }
  /* the words a sighted reader sees for an element: a control's label and value, an image's alt, else its text */
  function captionText(el) {
    if (!el || el.nodeType !== 1 || el.closest(".gk-caption-bar, .skip-link:not(:focus)")) return "";
    var target = el.closest(READABLE);
    if (!target) return ownText(el);
    var tag = target.tagName;
    if (tag === "IMG") return squeeze(target.getAttribute("alt"));
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      var label = target.labels && target.labels.length ? squeeze(target.labels[0].textContent) : squeeze(target.getAttribute("aria-label"));
      var value = tag === "SELECT" ? squeeze(target.options[target.selectedIndex] ? target.options[target.selectedIndex].text : "")
        : (target.type === "password" ? "" : squeeze(target.value) || squeeze(target.getAttribute("placeholder")));
      return squeeze(label + (label && value ? "：" : "") + value);
    }
    return squeeze(target.innerText || target.textContent) || squeeze(target.getAttribute("aria-label"));
  }
  function showCaption(el) {
    if (!on("gk-caption")) return;
    ensureTools();
    var text = captionText(el);
    if (text.length > CAPTION_MAX) text = text.slice(0, CAPTION_MAX) + "…";
    if (text) captionBar.textContent = text;
  }

  function visible(el) { return !!(el && el.getClientRects().length); }

  /* toolbar: fetch the same /a11y/ link as JSON and apply the result in place, keeping the keyboard focus */
  function onClick(event) {
    var link = event.target.closest ? event.target.closest("a[data-gk-action]") : null;
    if (!link || !window.fetch || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var url = link.getAttribute("href") + "&format=json";
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        applyClasses(data.classes);
        if (!visible(link)) {
          var pair = link.getAttribute("data-gk-pair");
          var twins = pair ? document.querySelectorAll('a[data-gk-pair="' + pair + '"]') : [];
          for (var i = 0; i < twins.length; i++) if (twins[i] !== link && visible(twins[i])) { twins[i].focus(); return; }
          var first = document.querySelector(".a11y-panel a, .a11y-switch a");
          if (visible(first)) first.focus();
        }
      })
      .catch(function () { window.location.href = link.href; });
  }

  /* kiosk (政务公开专区): links off the site become plain text; back to the home page after N idle seconds */
  var kioskStarted = false;
  function startKiosk() {
    if (kioskStarted) return;
    kioskStarted = true;
    var meta = document.querySelector('meta[name="gk-kiosk-idle"]');
    var seconds = (meta && parseInt(meta.getAttribute("content"), 10)) || 120;
    var timer = null;
    function goHome() {
      if (window.location.pathname === "/" && !window.location.search && window.scrollY === 0) { reset(); return; }
      window.location.assign("/");
    }
    function reset() { if (timer) clearTimeout(timer); timer = setTimeout(goHome, seconds * 1000); }
    ["pointerdown", "keydown", "touchstart", "wheel", "scroll", "mousemove"].forEach(function (name) {
      window.addEventListener(name, reset, { passive: true, capture: true });
    });
    reset();
    function disableExternal() {
      var links = document.querySelectorAll("a[href]");
      for (var i = 0; i < links.length; i++) {
        var a = links[i];
        var offSite = (a.protocol !== "http:" && a.protocol !== "https:") ? a.protocol !== "tel:" : a.host !== window.location.host;
        if (offSite) {
          a.removeAttribute("href");
          a.setAttribute("aria-disabled", "true");
          a.classList.add("gk-external-off");
        }
      }
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", disableExternal);
    else disableExternal();
  }

  applyClasses(cookieClasses());
  document.addEventListener("click", onClick);
  document.addEventListener("pointermove", moveCrosshair, { passive: true });
  document.addEventListener("mouseover", function (e) { showCaption(e.target); }, { passive: true });
  document.addEventListener("focusin", function (e) { showCaption(e.target); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ensureTools);
  else ensureTools();
  /* a page restored from the back/forward cache shows the settings of now, not of when it was left */
  window.addEventListener("pageshow", function (e) { if (e.persisted) applyClasses(cookieClasses()); });
})();
