/* The release body's editor (django-prose-editor; ReleaseAdmin.Media loads this file before the
   editor's modules run). Two things the library leaves to the site:
   - the editing area gets the field's label and help text as its accessible name and
     description (the label points at the hidden textarea, which screen readers never reach);
   - the toolbar's button names are English words the library does not pass through the
     translation catalog (its dialogs are: briefing/locale/ko/LC_MESSAGES/djangojs.po), so
     Korean pages name them here. */
"use strict";
(function () {
  const KOREAN_NAMES = {
    paragraph: "문단",
    "Heading 3": "소제목 (h3)",
    "Heading 4": "작은 소제목 (h4)",
    bold: "굵게",
    italic: "기울임",
    "unordered list": "글머리 기호 목록",
    "ordered list": "번호 목록",
    blockquote: "인용",
    "insert link": "링크 넣기",
    "remove link": "링크 빼기",
    "Insert table": "표 넣기",
    "Add column": "열 추가",
    "Delete column": "열 삭제",
    "Add row": "행 추가",
    "Delete row": "행 삭제",
    "Merge cells": "셀 합치기",
    "Split cell": "셀 나누기",
    "Toggle header cell": "제목 셀 전환",
    "Delete table": "표 삭제",
    undo: "되돌리기",
    redo: "다시 하기",
  };

  function nameInKorean(element, attribute) {
    const korean = KOREAN_NAMES[element.getAttribute(attribute)];
    if (korean) element.setAttribute(attribute, korean);
  }

  function translateToolbar(menubar) {
    menubar.querySelectorAll("[title]").forEach((button) => nameInKorean(button, "title"));
    menubar.querySelectorAll("[aria-label]").forEach((button) => nameInKorean(button, "aria-label"));
    menubar.querySelectorAll(".prose-menubar__option > *").forEach((option) => {
      const korean = KOREAN_NAMES[option.textContent];
      if (korean) option.textContent = korean;
    });
  }

  // The menu bar is drawn after the editor reports ready, so wait for it to appear.
  function whenMenubarAppears(container, callback) {
    const menubar = container.querySelector(".prose-menubar");
    if (menubar) return callback(menubar);
    const observer = new MutationObserver(() => {
      const found = container.querySelector(".prose-menubar");
      if (found) {
        observer.disconnect();
        callback(found);
      }
    });
    observer.observe(container, { childList: true, subtree: true });
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    const area = editor.view.dom;
    const label = document.querySelector(`label[for="${textarea.id}"]`);
    if (label) {
      label.id = label.id || `${textarea.id}_label`;
      area.setAttribute("aria-labelledby", label.id);
    }
    const help = textarea.getAttribute("aria-describedby");
    if (help) area.setAttribute("aria-describedby", help);
    if (document.documentElement.lang === "ko") {
      whenMenubarAppears(textarea.closest(".prose-editor") || document.body, translateToolbar);
    }
  });
})();
