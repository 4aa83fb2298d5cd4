/* The review screen (archive/admin_review.py): one quote at a time, chosen by click or
   keyboard; accept, reject, correct the speaker and codes, make a quote of selected words,
   move a quote's ends by dragging or by a word at a time. Every button is a plain form
   that works without this script; the script posts the same forms with fetch and puts
   the server's re-rendered text and panels in place. Offsets are counted in code points,
   as the server counts them, and sent with the words they cover, which the server checks. */
(function () {
  "use strict";

  var root = document.getElementById("review");
  if (!root) {
    return;
  }
  root.classList.add("js");
  var textEl = document.getElementById("review-text");
  var panelsEl = document.getElementById("review-panels");
  var statusEl = document.getElementById("review-status");
  var progressEl = document.getElementById("review-progress");
  var makeForm = document.getElementById("make-quote");
  var WORD = /[\p{L}\p{N}]/u;
  var current = root.dataset.current || "";
  var drag = null;
  var lookupTimer = null;

  function all(parent, selector) {
    return Array.prototype.slice.call(parent.querySelectorAll(selector));
  }

  function say(message, isError) {
    statusEl.textContent = message || "";
    statusEl.classList.toggle("error", Boolean(isError));
  }

  function csrfToken() {
    return root.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  function isWord(ch) {
    return ch !== undefined && WORD.test(ch);
  }

  // The text as the server has it: the body, character for character, in code points.
  function bodyChars() {
    return Array.from(textEl.textContent);
  }

  function offsetAt(node, offset) {
    var range = document.createRange();
    range.setStart(textEl, 0);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  function wordStart(chars, at) {
    while (at > 0 && isWord(chars[at - 1]) && isWord(chars[at])) {
      at -= 1;
    }
    return at;
  }

  function wordEnd(chars, at) {
    while (at < chars.length && isWord(chars[at - 1]) && isWord(chars[at])) {
      at += 1;
    }
    return at;
  }

  /* Choosing a quote */

  function panels() {
    return all(panelsEl, ".quote-panel");
  }

  function currentPanel() {
    return document.getElementById("panel-" + current);
  }

  function addHandles(mark) {
    ["start", "end"].forEach(function (edge) {
      var handle = document.createElement("span");
      handle.className = "handle handle-" + edge;
      handle.dataset.edge = edge;
      handle.title = "Drag to move the " + edge + " of the quote";
      handle.setAttribute("aria-hidden", "true");
      if (edge === "start") {
        mark.insertBefore(handle, mark.firstChild);
      } else {
        mark.appendChild(handle);
      }
    });
  }

  function choose(id, focus) {
    var panel = document.getElementById("panel-" + id);
    if (!panel) {
      return;
    }
    current = String(id);
    panels().forEach(function (each) {
      each.classList.toggle("current", each === panel);
    });
    all(textEl, "mark.quote").forEach(function (mark) {
      mark.classList.remove("current");
      mark.removeAttribute("tabindex");
      all(mark, ".handle").forEach(function (handle) {
        handle.remove();
      });
    });
    var mark = document.getElementById("q" + id);
    if (mark) {
      mark.classList.add("current");
      mark.tabIndex = 0;
      addHandles(mark);
    }
    if (focus) {
      (mark || panel.querySelector("h2")).focus({ preventScroll: true });
      (mark || panel).scrollIntoView({ block: "center" });
    }
    history.replaceState(null, "", "?quote=" + id);
  }

  function step(delta, mayLeave) {
    var list = panels();
    var index = list.findIndex(function (panel) {
      return panel.dataset.quote === current;
    });
    var next = index + delta;
    if (next < 0) {
      say("This is the first quote of the article.");
    } else if (next < list.length) {
      choose(list[next].dataset.quote, true);
    } else if (mayLeave && root.dataset.nextUrl) {
      window.location.href = root.dataset.nextUrl;
    } else if (root.dataset.nextUrl) {
      say("That was the last quote of this article: press n for the next article in the review queue.");
    } else {
      say("That was the last quote of this article.");
    }
  }

  /* Posting */

  function post(url, data, then) {
    say("Saving…");
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        return response.json().catch(function () {
          return { ok: false, error: "The server answered " + response.status + ": nothing was saved." };
        });
      })
      .then(function (answer) {
        if (!answer.ok) {
          say(answer.error, true);
          return;
        }
        textEl.innerHTML = answer.text;
        panelsEl.innerHTML = answer.panels;
        progressEl.textContent = answer.progress;
        say(answer.message);
        choose(answer.quote || current, true);
        if (then) {
          then(answer);
        }
      })
      .catch(function () {
        say("The server could not be reached: nothing was saved.", true);
      });
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    event.preventDefault();
    var data = new FormData(form, button || undefined);
    var advance = button && button.hasAttribute("data-advance");
    if (form === makeForm) {
      hideMakeForm();
    }
    post(form.action, data, advance ? function () { step(1, false); } : null);
  });

  /* Making a quote of selected words */

  function selectedSpan() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) {
      return null;
    }
    var range = selection.getRangeAt(0);
    if (!textEl.contains(range.startContainer) || !textEl.contains(range.endContainer)) {
      return null;
    }
    var chars = bodyChars();
    var start = wordStart(chars, offsetAt(range.startContainer, range.startOffset));
    var end = wordEnd(chars, offsetAt(range.endContainer, range.endOffset));
    var text = chars.slice(start, end).join("");
    return text.trim() ? { start: start, end: end, text: text } : null;
  }

  function offerSelection() {
    var span = selectedSpan();
    if (!span) {
      return false;
    }
    makeForm.elements.start.value = span.start;
    makeForm.elements.end.value = span.end;
    makeForm.elements.text.value = span.text;
    makeForm.querySelector(".make-quote-preview").textContent =
      span.text.length > 160 ? span.text.slice(0, 160) + "…" : span.text;
    makeForm.hidden = false;
    makeForm.querySelector(".make-quote-submit").focus({ preventScroll: true });
    return true;
  }

  function hideMakeForm() {
    makeForm.hidden = true;
  }

  makeForm.querySelector(".make-quote-cancel").addEventListener("click", function () {
    hideMakeForm();
    window.getSelection().removeAllRanges();
  });

  textEl.addEventListener("mouseup", function (event) {
    if (drag) {
      return;
    }
    if (offerSelection()) {
      return;
    }
    var mark = event.target.closest("mark.quote");
    if (mark) {
      choose(mark.dataset.quote, true);
    }
  });

  textEl.addEventListener("keyup", function (event) {
    if (event.shiftKey) {
      offerSelection(); // a selection made with the keyboard (caret browsing)
    }
  });

  /* Dragging a quote's ends */

  function caretAt(x, y) {
    if (document.caretPositionFromPoint) {
      var position = document.caretPositionFromPoint(x, y);
      return position && { node: position.offsetNode, offset: position.offset };
    }
    if (document.caretRangeFromPoint) {
      var range = document.caretRangeFromPoint(x, y);
      return range && { node: range.startContainer, offset: range.startOffset };
    }
    return null;
  }

  textEl.addEventListener("mousedown", function (event) {
    var handle = event.target.closest(".handle");
    if (!handle) {
      return;
    }
    event.preventDefault();
    drag = { edge: handle.dataset.edge, mark: handle.closest("mark") };
    root.classList.add("dragging");
  });

  document.addEventListener("mouseup", function (event) {
    if (!drag) {
      return;
    }
    var moving = drag;
    drag = null;
    root.classList.remove("dragging");
    var caret = caretAt(event.clientX, event.clientY);
    if (!caret || !textEl.contains(caret.node)) {
      say("Drop the end inside the text.", true);
      return;
    }
    var chars = bodyChars();
    var at = offsetAt(caret.node, caret.offset);
    var start = Number(moving.mark.dataset.start);
    var end = Number(moving.mark.dataset.end);
    // Dropped on a word, the end takes the whole word, whichever half of a letter it fell on.
    if (moving.edge === "start") {
      while (at > 0 && isWord(chars[at - 1])) {
        at -= 1;
      }
      start = at;
    } else {
      while (at < chars.length && isWord(chars[at])) {
        at += 1;
      }
      end = at;
    }
    if (start >= end) {
      say("A quote keeps at least one word.", true);
      return;
    }
    var data = new FormData();
    data.append("start", start);
    data.append("end", end);
    data.append("text", chars.slice(start, end).join(""));
    post(document.getElementById("panel-" + moving.mark.dataset.quote).dataset.spanUrl, data);
  });

  /* The speaker field: a list of speakers with role and quote count as one types */

  function listFor(input) {
    return document.getElementById(input.getAttribute("aria-controls"));
  }

  function closeList(input) {
    var list = listFor(input);
    list.hidden = true;
    list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function activate(input, index) {
    var options = all(listFor(input), "[role=option]");
    if (!options.length) {
      return;
    }
    index = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.classList.toggle("active", i === index);
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  }

  function activeIndex(input) {
    return all(listFor(input), "[role=option]").findIndex(function (option) {
      return option.classList.contains("active");
    });
  }

  function pick(input, option) {
    var form = input.form;
    input.value = option.dataset.name;
    form.querySelector("input[type=hidden][name$='-speaker']").value = option.dataset.id || "";
    form.querySelector(".speaker-new").checked = option.dataset.new === "1";
    closeList(input);
    form.requestSubmit(form.querySelector("button[type=submit]"));
  }

  function showChoices(input, term, results) {
    var list = listFor(input);
    list.innerHTML = "";
    var choices = results.map(function (speaker) {
      return { id: speaker.id, name: speaker.name, label: speaker.label };
    });
    choices.push({ id: "", name: term, label: "New speaker “" + term + "”", isNew: true });
    choices.forEach(function (choice, i) {
      var option = document.createElement("li");
      option.id = input.id + "-option-" + i;
      option.setAttribute("role", "option");
      option.dataset.id = choice.id;
      option.dataset.name = choice.name;
      option.dataset.new = choice.isNew ? "1" : "";
      option.textContent = choice.label;
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
        pick(input, option);
      });
      list.appendChild(option);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    activate(input, 0);
  }

  panelsEl.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches("input.speaker-name")) {
      return;
    }
    input.form.querySelector("input[type=hidden][name$='-speaker']").value = "";
    clearTimeout(lookupTimer);
    lookupTimer = setTimeout(function () {
      var term = input.value.trim();
      if (!term) {
        closeList(input);
        return;
      }
      fetch(root.dataset.lookupUrl + "?q=" + encodeURIComponent(term), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          if (input.value.trim() === term && document.activeElement === input) {
            showChoices(input, term, answer.results);
          }
        })
        .catch(function () {
          say("The speaker list could not be loaded.", true);
        });
    }, 150);
  });

  panelsEl.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input.speaker-name")) {
      return;
    }
    var list = listFor(input);
    if (list.hidden) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      activate(input, activeIndex(input) + (event.key === "ArrowDown" ? 1 : -1));
      event.preventDefault();
    } else if (event.key === "Enter") {
      var options = all(list, "[role=option]");
      var index = activeIndex(input);
      if (index >= 0) {
        event.preventDefault();
        pick(input, options[index]);
      }
    } else if (event.key === "Escape") {
      closeList(input);
      event.stopPropagation();
    }
  });

  panelsEl.addEventListener("focusout", function (event) {
    if (event.target.matches && event.target.matches("input.speaker-name")) {
      closeList(event.target);
    }
  });

  /* Keyboard shortcuts (listed on the screen) */

  function press(key) {
    var panel = currentPanel();
    var button = panel && panel.querySelector('button[data-key="' + key + '"]');
    if (button) {
      button.click();
    }
  }

  function focusField(key) {
    var panel = currentPanel();
    var field = panel && panel.querySelector('[data-key="' + key + '"]');
    if (field) {
      field.focus();
      if (field.select) {
        field.select();
      }
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var field = event.target.closest && event.target.closest("input, select, textarea");
    if (field) {
      if (event.key === "Escape") {
        field.blur();
        choose(current, true);
      }
      return;
    }
    if (event.key === "Escape" && !makeForm.hidden) {
      hideMakeForm();
      choose(current, true);
      return;
    }
    switch (event.key) {
      case "j":
      case "n":
        step(1, true);
        break;
      case "k":
      case "p":
        step(-1, false);
        break;
      case "a":
      case "r":
      case "[":
      case "]":
      case "-":
      case "=":
        press(event.key);
        break;
      case "s":
      case "c":
        focusField(event.key);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  if (current) {
    choose(current, true);
    // Going to a #fragment after loading may take the focus away again: give it back.
    window.addEventListener("load", function () {
      if (document.activeElement === document.body) {
        choose(current, true);
      }
    });
  }
})();
