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
    var keep = root.className.split(/\s+/).filter(function (c) { return c && c.indexOf("gk-") !== 0; });
    root.className = keep.concat(classes).join(" ");
    if (classes.indexOf("gk-kiosk") !== -1) startKiosk();
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
  /* a page restored from the back/forward cache shows the settings of now, not of when it was left */
  window.addEventListener("pageshow", function (e) { if (e.persisted) applyClasses(cookieClasses()); });
})();
