/* 语音验证码: the "播放语音验证码" link plays the challenge's audio in the page instead of leaving it.
   Without JavaScript the link still works (the browser opens and plays the MP3). Keyboard: the link is reached
   with Tab and activated with Enter, and — as it acts as a button here — with Space too. */
(function () {
  "use strict";

  function setup(link) {
    var status = link.parentNode.querySelector(".captcha-audio-status");
    var audio = null;

    function say(text) {
      if (status) status.textContent = text;
    }

    function play(event) {
      event.preventDefault();
      if (!audio) {
        audio = new Audio(link.getAttribute("href"));
        audio.addEventListener("ended", function () {
          say("播放完毕。可再次点击“播放语音验证码”重听，听到的 4 位数字填入验证码框。");
        });
        audio.addEventListener("error", function () {
          say("语音验证码无法播放，请填写图片中的数字或文字题的答案。");
        });
      }
      audio.currentTime = 0;
      say("正在播放语音验证码……");
      var started = audio.play();
      if (started && typeof started.catch === "function") {
        started.catch(function () {
          say("语音验证码无法播放，请填写图片中的数字或文字题的答案。");
        });
      }
    }

    link.setAttribute("role", "button");
    link.addEventListener("click", play);
    link.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") play(event);
    });
  }

  function init() {
    var links = document.querySelectorAll("a[data-captcha-audio]");
    for (var i = 0; i < links.length; i++) setup(links[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
