/* 验证码: the "播放语音验证码" link plays the challenge's audio in the page instead of leaving it, and "换一张"
   fetches a new challenge (picture, audio and key) without leaving the form. Without JavaScript the link still
   works (the browser opens and plays the MP3) and the refresh button stays hidden (a failed submission shows a new
   challenge). Keyboard: the link is reached with Tab and activated with Enter, and — as it acts as a button
   here — with Space too. */
(function () {
  "use strict";

  function setup(box) {
    var link = box.querySelector("a[data-captcha-audio]");
    var image = box.querySelector("img[data-captcha-image]");
    var refresh = box.querySelector("button[data-captcha-refresh]");
    var keyInput = box.querySelector("input[name=captcha_key]");
    var answer = box.querySelector("input[name=captcha_answer]");
    var status = box.querySelector(".captcha-audio-status");
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
          say("语音验证码无法播放，请填写图片中的数字，看不清可换一张。");
        });
      }
      audio.currentTime = 0;
      say("正在播放语音验证码……");
      var started = audio.play();
      if (started && typeof started.catch === "function") {
        started.catch(function () {
          say("语音验证码无法播放，请填写图片中的数字，看不清可换一张。");
        });
      }
    }

    function renew() {
      refresh.disabled = true;
      say("正在更换验证码……");
      fetch("/api/v1/captcha", { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (challenge) {
          if (audio) audio.pause();
          audio = null;
          keyInput.value = challenge.key;
          image.src = challenge.image;
          link.setAttribute("href", challenge.audio);
          if (answer) answer.value = "";
          say("已换一张新的验证码，请重新填写。");
        })
        .catch(function () {
          say("暂时无法更换验证码，请稍后再试。");
        })
        .then(function () {
          refresh.disabled = false;
        });
    }

    if (link) {
      link.setAttribute("role", "button");
      link.addEventListener("click", play);
      link.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "Spacebar") play(event);
      });
    }
    if (refresh && image && keyInput && window.fetch) {
      refresh.hidden = false;
      refresh.addEventListener("click", renew);
    }
  }

  function init() {
    var boxes = document.querySelectorAll("[data-captcha]");
    for (var i = 0; i < boxes.length; i++) setup(boxes[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
