/* 语音朗读 player: server-made audio, sentence by sentence, the sentence being read highlighted.
   No framework, no speechSynthesis (RULES.md §7: read-aloud must not depend on the user's OS). */
(function () {
  "use strict";

  function Player(root) {
    this.root = root;
    this.url = root.getAttribute("data-ra-url");
    this.controls = root.querySelector(".ra-controls");
    this.playBtn = root.querySelector(".ra-play");
    this.pauseBtn = root.querySelector(".ra-pause");
    this.stopBtn = root.querySelector(".ra-stop");
    this.speed = root.querySelector(".ra-speed");
    this.audio = root.querySelector(".ra-audio");
    this.status = root.querySelector(".ra-status");
    this.sentences = null;
    this.index = -1;
    this.active = false;
    this.prefetched = {};
    this.retried = false;
    this.controls.hidden = false;
    this.bind();
  }

  Player.prototype.bind = function () {
    var self = this;
    this.playBtn.addEventListener("click", function () { self.start(); });
    this.pauseBtn.addEventListener("click", function () { self.togglePause(); });
    this.stopBtn.addEventListener("click", function () { self.stop(true); });
    this.speed.addEventListener("change", function () { self.audio.playbackRate = self.rate(); });
    this.audio.addEventListener("ended", function () { if (self.active) { self.playSentence(self.index + 1); } });
    this.audio.addEventListener("playing", function () { self.audio.playbackRate = self.rate(); });
    this.audio.addEventListener("error", function () { if (self.active) { self.recover(); } });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && self.active) { self.stop(true); }
    });
  };

  Player.prototype.rate = function () {
    var value = parseFloat(this.speed.value);
    return value > 0 ? value : 1;
  };

  Player.prototype.say = function (text) { this.status.textContent = text; };

  Player.prototype.load = function () {
    var self = this;
    return fetch(this.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) { self.sentences = data.sentences; return data; });
  };

  Player.prototype.start = function () {
    var self = this;
    if (this.active) { this.stop(false); }
    this.active = true;
    this.retried = false;
    this.playBtn.disabled = true;
    this.pauseBtn.disabled = false;
    this.stopBtn.disabled = false;
    this.say("正在准备朗读……");
    this.load().then(function () {
      if (!self.active) { return; }
      if (!self.sentences.length) { self.say("本页没有可朗读的文字。"); self.stop(false); return; }
      self.playSentence(0);
    }).catch(function () {
      self.say("朗读暂时无法使用，请稍后再试。");
      self.stop(false);
    });
  };

  Player.prototype.highlight = function (index) {
    var previous = document.querySelectorAll(".ra-s.ra-current");
    for (var i = 0; i < previous.length; i++) { previous[i].classList.remove("ra-current"); }
    if (index < 0) { return; }
    var spans = document.querySelectorAll('.ra-s[data-ra="' + index + '"]');
    for (var j = 0; j < spans.length; j++) { spans[j].classList.add("ra-current"); }
    if (spans.length && spans[0].scrollIntoView) {
      spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
    }
  };

  Player.prototype.prefetch = function (index) {
    if (!this.sentences || index >= this.sentences.length || this.prefetched[index]) { return; }
    this.prefetched[index] = true;
    // warms the server's cache (synthesis on demand) and the browser's HTTP cache for the next sentence
    fetch(this.sentences[index].audio, { credentials: "same-origin" }).catch(function () {});
  };

  Player.prototype.playSentence = function (index) {
    var self = this;
    if (index >= this.sentences.length) {
      this.say("朗读完毕，共 " + this.sentences.length + " 句。");
      this.stop(false);
      return;
    }
    this.index = index;
    this.audio.src = this.sentences[index].audio;
    this.audio.playbackRate = this.rate();
    this.highlight(index);
    this.say("正在朗读第 " + (index + 1) + " 句，共 " + this.sentences.length + " 句");
    this.pauseBtn.textContent = "暂停";
    this.pauseBtn.setAttribute("aria-pressed", "false");
    var played = this.audio.play();
    if (played && played.catch) {
      played.catch(function (error) {
        if (error && error.name === "NotAllowedError") { self.say("浏览器阻止了自动播放，请再按一次“朗读”。"); self.stop(false); }
      });
    }
    this.prefetch(index + 1);
  };

  Player.prototype.recover = function () {
    // the page was republished while reading: fetch the new sentence list once and go on from here
    var self = this;
    if (this.retried) { this.say("音频加载失败，请稍后再试。"); this.stop(false); return; }
    this.retried = true;
    var at = this.index;
    this.load().then(function () { self.prefetched = {}; self.playSentence(Math.min(at, self.sentences.length)); })
      .catch(function () { self.say("音频加载失败，请稍后再试。"); self.stop(false); });
  };

  Player.prototype.togglePause = function () {
    if (!this.active) { return; }
    if (this.audio.paused) {
      this.audio.play();
      this.pauseBtn.textContent = "暂停";
      this.pauseBtn.setAttribute("aria-pressed", "false");
      this.say("继续朗读第 " + (this.index + 1) + " 句，共 " + this.sentences.length + " 句");
    } else {
      this.audio.pause();
      this.pauseBtn.textContent = "继续";
      this.pauseBtn.setAttribute("aria-pressed", "true");
      this.say("已暂停（第 " + (this.index + 1) + " 句，共 " + this.sentences.length + " 句）");
    }
  };

  Player.prototype.stop = function (announce) {
    this.active = false;
    this.audio.pause();
    this.audio.removeAttribute("src");
    this.audio.load();
    this.highlight(-1);
    this.index = -1;
    this.prefetched = {};
    this.playBtn.disabled = false;
    this.pauseBtn.disabled = true;
    this.pauseBtn.textContent = "暂停";
    this.pauseBtn.setAttribute("aria-pressed", "false");
    this.stopBtn.disabled = true;
    if (announce) { this.say("已停止朗读。"); }
    if (announce) { this.playBtn.focus(); }
  };

  function init() {
    if (!window.fetch || !window.HTMLAudioElement) { return; }
    var roots = document.querySelectorAll(".ra-player[data-ra-url]");
    for (var i = 0; i < roots.length; i++) {
      if (!roots[i].raPlayer) { roots[i].raPlayer = new Player(roots[i]); }
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
