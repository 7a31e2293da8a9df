/* The briefing room's small behaviours: plain JavaScript, no inline handlers (a strict CSP
   without 'unsafe-inline' can be added), and every page still works without it. */
(function () {
  "use strict";

  var FONT_KEY = "briefing.fontStep";

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* Skip links and the back-to-top button move keyboard focus, not just the scroll position. */
  function moveFocusTo(target, options) {
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus(options);
  }
  function setUpInPageLinks() {
    all(".skip-links a, [data-to-top]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var id = link.getAttribute("href").slice(1);
        if (id === "top") {
          /* To the very top (the header too), focus on the content: the link's own jump to
             #top would take focus back to the page's start. */
          event.preventDefault();
          window.scrollTo(0, 0);
          moveFocusTo(document.getElementById("main"), { preventScroll: true });
          return;
        }
        moveFocusTo(document.getElementById(id));
      });
    });
  }

  /* 글자크기: five steps, remembered in this browser only. */
  function readFontStep() {
    try { return window.localStorage.getItem(FONT_KEY) || "2"; } catch (e) { return "2"; }
  }
  function applyFontStep(step) {
    document.documentElement.setAttribute("data-font-step", step);
    all("[data-font-step]", document.body).forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-font-step") === step ? "true" : "false");
    });
  }
  function setUpFontSize() {
    applyFontStep(readFontStep());
    all("button[data-font-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var step = button.getAttribute("data-font-step");
        try { window.localStorage.setItem(FONT_KEY, step); } catch (e) { /* private mode */ }
        applyFontStep(step);
      });
    });
  }

  /* 본문듣기: the browser's speech synthesis reads the body, in the page's language. */
  function setUpSpeech() {
    var button = document.querySelector("[data-tts]");
    if (!button || !("speechSynthesis" in window)) return;
    var label = button.querySelector(".label");
    var lang = button.getAttribute("data-tts-lang");
    function setSpeaking(speaking) {
      button.setAttribute("aria-pressed", speaking ? "true" : "false");
      label.textContent = button.getAttribute(speaking ? "data-label-stop" : "data-label-start");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        setSpeaking(false);
        return;
      }
      var body = document.querySelector(button.getAttribute("data-tts-target"));
      var utterance = new SpeechSynthesisUtterance(body ? body.innerText : "");
      utterance.lang = lang;
      var voice = window.speechSynthesis.getVoices().filter(function (v) {
        return v.lang && v.lang.replace("_", "-").indexOf(lang.slice(0, 2)) === 0;
      })[0];
      if (voice) utterance.voice = voice;
      utterance.onend = function () { setSpeaking(false); };
      utterance.onerror = function () { setSpeaking(false); };
      window.speechSynthesis.speak(utterance);
      setSpeaking(true);
    });
  }

  function setUpPrint() {
    all("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* URL 복사 and the system share sheet, where the browser has them. */
  function announce(text) {
    var status = document.querySelector("[data-share-status]");
    if (status) status.textContent = text;
  }
  function setUpShare() {
    all("[data-copy-url]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy-url")).then(
          function () { announce(button.getAttribute("data-copied")); },
          function () { announce(button.getAttribute("data-copy-failed")); }
        );
      });
    });
    all("[data-share-url]").forEach(function (button) {
      if (!navigator.share) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({
          title: button.getAttribute("data-share-title"),
          url: button.getAttribute("data-share-url")
        }).catch(function () { /* the reader closed the sheet */ });
      });
    });
  }

  /* 인기뉴스 / 최신뉴스: both lists are readable without JavaScript; with it they become tabs. */
  function setUpTabs() {
    all("[data-tabs]").forEach(function (box) {
      var tabs = all("[role=tab]", box);
      var list = box.querySelector("[role=tablist]");
      if (!tabs.length || !list) return;
      list.hidden = false;
      box.classList.add("enhanced");
      function select(tab) {
        tabs.forEach(function (other) {
          var selected = other === tab;
          var panel = document.getElementById(other.getAttribute("aria-controls"));
          other.setAttribute("aria-selected", selected ? "true" : "false");
          other.setAttribute("tabindex", selected ? "0" : "-1");
          panel.hidden = !selected;
          panel.setAttribute("role", "tabpanel");
          panel.setAttribute("aria-labelledby", other.id);
        });
      }
      tabs.forEach(function (tab, index) {
        tab.addEventListener("click", function () { select(tab); });
        tab.addEventListener("keydown", function (event) {
          var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
          if (!step) return;
          var next = tabs[(index + step + tabs.length) % tabs.length];
          select(next);
          next.focus();
        });
      });
      select(tabs[0]);
    });
  }

  /* Typing a date chooses 직접입력. */
  function setUpPeriod() {
    var custom = document.querySelector("input[name=period][value=custom]");
    if (!custom) return;
    all("[data-period-custom]").forEach(function (input) {
      input.addEventListener("change", function () { if (input.value) custom.checked = true; });
    });
  }

  /* The main menu folds behind its button on phones (the CSS applies the fold only at phone
     widths); without JavaScript the button stays hidden and the menu open. */
  function setUpMenu() {
    var nav = document.querySelector("[data-menu]");
    var button = nav && nav.querySelector("[data-menu-toggle]");
    if (!button) return;
    function setOpen(open) {
      nav.classList.toggle("open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    nav.classList.add("menu-enhanced");
    button.hidden = false;
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      setOpen(false);
      button.focus();
    });
  }

  /* TOP appears once the reader has scrolled a screen down; without JavaScript it is a plain link
     at the end of the page. */
  function setUpToTop() {
    var link = document.querySelector("[data-to-top]");
    if (!link) return;
    link.classList.add("floating");
    function update() {
      link.classList.toggle("shown", window.scrollY > window.innerHeight / 2);
    }
    window.addEventListener("scroll", update, { passive: true });
    update();
  }

  /* 상세검색's 62 ministries: typing part of a name shows only the matching ones (and their
     groups); the field stays hidden without JavaScript, where the whole list scrolls. */
  function setUpMinistryFilter() {
    var input = document.querySelector("[data-ministry-filter]");
    if (!input) return;
    var groups = all(".ministry-group");
    input.hidden = false;
    input.labels[0].hidden = false;
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      groups.forEach(function (group) {
        var shown = 0;
        all("li", group).forEach(function (item) {
          var match = item.textContent.toLowerCase().indexOf(wanted) !== -1;
          item.hidden = !match;
          if (match) shown += 1;
        });
        group.hidden = shown === 0;
      });
    });
  }

  function start() {
    setUpInPageLinks();
    setUpFontSize();
    setUpSpeech();
    setUpPrint();
    setUpShare();
    setUpTabs();
    setUpPeriod();
    setUpMenu();
    setUpToTop();
    setUpMinistryFilter();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Share box and photos (issue 17, part E): 즐겨찾기. No browser lets a page add a bookmark, so the
   button tells the visitor the shortcut for their keyboard (or the menu, on a touch screen) in the
   share box's live region, as the portals do. A separate block so it starts on its own. */
(function () {
  "use strict";

  function setUpBookmark() {
    var buttons = document.querySelectorAll("[data-bookmark]");
    Array.prototype.forEach.call(buttons, function (button) {
      var status = button.closest(".share").querySelector("[data-share-status]");
      if (!status) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var apple = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
        var touchOnly = window.matchMedia("(hover: none) and (pointer: coarse)").matches;
        var message = touchOnly ? "data-bookmark-touch" : apple ? "data-bookmark-mac" : "data-bookmark-keys";
        // Emptied first so the same message, asked for twice, is announced twice.
        status.textContent = "";
        window.setTimeout(function () { status.textContent = button.getAttribute(message); }, 50);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpBookmark);
  else setUpBookmark();
})();
