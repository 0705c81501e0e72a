/* embargo-kit progress: what a self-paced learner has done, kept in this browser (no account, no server).
 *
 * Lessons marked done: localStorage["embargo-kit:lesson:<lesson id>"] = {"state": "done", "at": ISO date}.
 * Quiz results belong to quiz.js (window.embargoKitProgress, keys "embargo-kit:quiz:<item id>"); this file
 * reads them through that API and writes them only when importing a file.
 * Every change dispatches "embargo-kit:progress" on document, so all widgets on a page stay in step.
 *
 * Widgets (rendered by progress.py, hidden until this script shows them):
 *   .ek-lesson-end        lesson page: "Mark this lesson done" and the lesson's quiz score
 *   .ek-track-progress    track page: lessons done, quiz questions right, a bar, "continue with"
 *   .ek-dashboard         "Your progress" page: every lesson's state
 *   .ek-progress-controls "Your progress" page: export to a JSON file, import it, clear
 * window.embargoKitLessons is the API (tests and the console use it).
 */
(function (root) {
  "use strict";

  var LESSON_PREFIX = "embargo-kit:lesson:";
  var QUIZ_PREFIX = "embargo-kit:quiz:";
  var FORMAT = "embargo-kit-progress";
  var VERSION = 1;
  var ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
  var QUIZ_STATES = { correct: 2, tried: 1 };

  function storage() {
    try {
      var s = root.localStorage;
      var probe = "embargo-kit:probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (err) {
      return null; // storage switched off, or a browser that refuses it for file:// pages
    }
  }

  function quizStore() {
    return root.embargoKitProgress || null;
  }

  function announce(detail) {
    if (typeof CustomEvent === "function") {
      document.dispatchEvent(new CustomEvent("embargo-kit:progress", { detail: detail }));
    }
  }

  function readJSON(s, key) {
    try {
      var raw = s.getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch (err) {
      return null;
    }
  }

  function isDate(text) {
    return typeof text === "string" && text.length < 40 && !isNaN(new Date(text).getTime());
  }

  /* ------------------------------------------------------------------ the store */
  var lessons = {
    prefix: LESSON_PREFIX,
    available: function () { return storage() !== null; },
    get: function (lessonId) {
      var s = storage();
      var value = s && readJSON(s, LESSON_PREFIX + lessonId);
      return value && value.state === "done" ? value : null;
    },
    isDone: function (lessonId) { return lessons.get(lessonId) !== null; },
    set: function (lessonId, done, at) {
      var s = storage();
      if (!s || !ID.test(lessonId)) return false;
      try {
        if (done) {
          s.setItem(LESSON_PREFIX + lessonId, JSON.stringify({ state: "done", at: at || new Date().toISOString() }));
        } else {
          s.removeItem(LESSON_PREFIX + lessonId);
        }
      } catch (err) {
        return false;
      }
      announce({ lesson: lessonId, state: done ? "done" : "not-done" });
      return true;
    },
    /* {lesson id: {state, at}} for every lesson marked done. */
    all: function () {
      var out = {}, s = storage();
      if (!s) return out;
      for (var i = 0; i < s.length; i++) {
        var key = s.key(i);
        if (!key || key.indexOf(LESSON_PREFIX) !== 0) continue;
        var value = readJSON(s, key);
        if (value && value.state === "done") out[key.slice(LESSON_PREFIX.length)] = value;
      }
      return out;
    },
    /* {item id: {state, at}} for every quiz item answered in this browser. */
    quiz: function () {
      var out = {}, store = quizStore();
      if (!store) return out;
      store.items().forEach(function (entry) { out[entry.item] = { state: entry.state, at: entry.at }; });
      return out;
    },
    quizState: function (itemId) {
      var store = quizStore();
      var value = store ? store.get(itemId) : null;
      return value ? value.state : null;
    },
    exportData: function () {
      return {
        format: FORMAT,
        version: VERSION,
        exported_at: new Date().toISOString(),
        site: document.title ? String(document.title).split(" \u2014 ").pop() : "",
        lessons: lessons.all(),
        quiz: lessons.quiz()
      };
    },
    /* Merge an exported object into this browser. Returns {lessons: n, quiz: n} or throws Error(sentence). */
    importData: function (data) {
      if (!data || typeof data !== "object" || data.format !== FORMAT) {
        throw new Error("This file is not a progress file saved from this course.");
      }
      if (Number(data.version) > VERSION) {
        throw new Error("This progress file was saved by a newer version of the course; it cannot be read here.");
      }
      var s = storage();
      if (!s) throw new Error("This browser does not let the course keep anything, so nothing was loaded.");
      var counts = { lessons: 0, quiz: 0 };
      var marked = data.lessons && typeof data.lessons === "object" ? data.lessons : {};
      Object.keys(marked).forEach(function (id) {
        var value = marked[id];
        if (!ID.test(id) || !value || value.state !== "done") return;
        if (!lessons.isDone(id)) {
          s.setItem(LESSON_PREFIX + id, JSON.stringify({ state: "done", at: isDate(value.at) ? value.at : new Date().toISOString() }));
          counts.lessons++;
        }
      });
      var answered = data.quiz && typeof data.quiz === "object" ? data.quiz : {};
      Object.keys(answered).forEach(function (id) {
        var value = answered[id];
        if (!ID.test(id) || !value || !QUIZ_STATES[value.state]) return;
        var before = readJSON(s, QUIZ_PREFIX + id);
        if (before && QUIZ_STATES[before.state] >= QUIZ_STATES[value.state]) return; // keep the better result
        s.setItem(QUIZ_PREFIX + id, JSON.stringify({ state: value.state, at: isDate(value.at) ? value.at : new Date().toISOString() }));
        counts.quiz++;
      });
      announce({ imported: counts });
      return counts;
    },
    clear: function () {
      var s = storage();
      if (!s) return;
      Object.keys(lessons.all()).forEach(function (id) { s.removeItem(LESSON_PREFIX + id); });
      var store = quizStore();
      if (store) store.clear();
      announce({ cleared: true });
    }
  };

  /* ------------------------------------------------------------------ helpers for the widgets */
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function day(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? "" : date.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
  }

  function quizScore(ids) {
    var right = 0, tried = 0;
    ids.forEach(function (id) {
      var state = lessons.quizState(id);
      if (state === "correct") right++;
      else if (state === "tried") tried++;
    });
    return { right: right, tried: tried, total: ids.length };
  }

  function catalogueOf(el) {
    var script = el.querySelector("script.ek-progress-catalogue");
    try {
      return JSON.parse(script.textContent).tracks || [];
    } catch (err) {
      return [];
    }
  }

  function trackFigures(track) {
    var done = 0, right = 0, total = 0, next = null;
    track.lessons.forEach(function (lesson) {
      if (lessons.isDone(lesson.id)) done++;
      else if (!next) next = lesson;
      var score = quizScore(lesson.quiz || []);
      right += score.right;
      total += score.total;
    });
    return { done: done, lessons: track.lessons.length, right: right, quiz: total, next: next };
  }

  function samePage(a, b) {
    try {
      var x = new URL(a, location.href), y = new URL(b, location.href);
      var clean = function (u) { return u.pathname.replace(/\/index\.html$/, "/"); };
      return x.origin === y.origin && clean(x) === clean(y);
    } catch (err) {
      return false;
    }
  }

  /* ------------------------------------------------------------------ lesson page */
  function initLesson(box) {
    var id = box.getAttribute("data-lesson");
    var quizIds = (box.getAttribute("data-quiz") || "").split(/\s+/).filter(Boolean);
    var panel = box.querySelector(".ek-done");
    var toggle = box.querySelector(".ek-done-toggle");
    var status = box.querySelector(".ek-done-status");
    if (!panel || !toggle || !status || !lessons.available()) return;
    function render() {
      var record = lessons.get(id);
      toggle.checked = record !== null;
      var words = record ? "Done" + (day(record.at) ? " on " + day(record.at) : "") + "." : "Not marked done yet.";
      if (quizIds.length) {
        var score = quizScore(quizIds);
        words += " Quiz: " + score.right + " of " + plural(score.total, "question", "questions") + " answered correctly.";
      }
      status.textContent = words;
    }
    toggle.addEventListener("change", function () { lessons.set(id, toggle.checked); });
    document.addEventListener("embargo-kit:progress", render);
    render();
    rememberVisit(id);
    panel.hidden = false;
  }

  /* ------------------------------------------------------------------ track page */
  function markLinks(track) {
    var scope = document.querySelector("article") || document.body;
    var links = scope.querySelectorAll("a.reference.internal");
    track.lessons.forEach(function (lesson) {
      for (var i = 0; i < links.length; i++) {
        var link = links[i];
        if (!samePage(link.getAttribute("href"), lesson.uri)) continue;
        var badge = link.parentNode.querySelector(".ek-done-badge");
        if (lessons.isDone(lesson.id)) {
          if (!badge) {
            badge = document.createElement("span");
            badge.className = "ek-done-badge";
            badge.textContent = "done";
            link.parentNode.insertBefore(badge, link.nextSibling);
            link.parentNode.insertBefore(document.createTextNode(" "), badge);
          }
        } else if (badge) {
          badge.parentNode.removeChild(badge);
        }
      }
    });
  }

  function initTrack(box) {
    var track = catalogueOf(box)[0];
    if (!track || !lessons.available()) return;
    var summary = box.querySelector(".ek-track-progress-summary");
    var bar = box.querySelector(".ek-track-bar");
    var cont = box.querySelector(".ek-track-continue");
    function render() {
      var f = trackFigures(track);
      var words = "Your progress in this track: " + f.done + " of " + plural(f.lessons, "lesson", "lessons") + " done";
      if (f.quiz) words += ", " + f.right + " of " + plural(f.quiz, "quiz question", "quiz questions") + " answered correctly";
      summary.textContent = words + ".";
      bar.value = f.done;
      cont.textContent = "";
      if (f.next) {
        cont.appendChild(document.createTextNode(f.done ? "Continue with " : "Start with "));
        var a = document.createElement("a");
        a.href = f.next.uri;
        a.textContent = f.next.id + ": " + f.next.title;
        cont.appendChild(a);
        cont.appendChild(document.createTextNode("."));
      } else {
        cont.textContent = "You have marked every lesson of this track done.";
      }
      markLinks(track);
    }
    document.addEventListener("embargo-kit:progress", render);
    render();
    box.hidden = false;
  }

  /* ------------------------------------------------------------------ progress page */
  function initDashboard(box) {
    var tracks = catalogueOf(box);
    var total = box.querySelector(".ek-dashboard-total");
    function render() {
      var allDone = 0, allLessons = 0, allRight = 0, allQuiz = 0;
      tracks.forEach(function (track) {
        var section = box.querySelector('.ek-dashboard-track[data-track="' + track.id + '"]');
        if (!section) return;
        var f = trackFigures(track);
        allDone += f.done; allLessons += f.lessons; allRight += f.right; allQuiz += f.quiz;
        var bar = section.querySelector(".ek-track-bar");
        if (bar) bar.value = f.done;
        var summary = section.querySelector(".ek-dashboard-summary");
        if (summary && f.lessons) {
          summary.textContent = f.done + " of " + plural(f.lessons, "lesson", "lessons") + " done" +
            (f.quiz ? ", " + f.right + " of " + plural(f.quiz, "quiz question", "quiz questions") + " answered correctly" : "") + ".";
        }
        track.lessons.forEach(function (lesson) {
          var row = section.querySelector('tr[data-lesson="' + lesson.id + '"]');
          if (!row) return;
          var record = lessons.get(lesson.id);
          row.querySelector(".ek-dash-done").textContent = record ? "done" + (day(record.at) ? ", " + day(record.at) : "") : "not yet";
          row.classList.toggle("ek-is-done", record !== null);
          var score = quizScore(lesson.quiz || []);
          if (score.total) {
            row.querySelector(".ek-dash-quiz").textContent = score.right + " of " + score.total + " right" +
              (score.tried ? " (" + score.tried + " tried)" : "");
          }
        });
      });
      if (total) {
        total.textContent = lessons.available() ?
          "In all: " + allDone + " of " + plural(allLessons, "lesson", "lessons") + " done, " + allRight + " of " +
          plural(allQuiz, "quiz question", "quiz questions") + " answered correctly." :
          "This browser does not let the course keep anything (private mode or storage switched off), so no progress is kept.";
      }
    }
    document.addEventListener("embargo-kit:progress", render);
    render();
  }

  function initControls(box) {
    if (!lessons.available()) return;
    var status = box.querySelector(".ek-control-status");
    var say = function (text) { status.textContent = text; };
    box.querySelector(".ek-export").addEventListener("click", function () {
      var data = lessons.exportData();
      var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "embargo-kit-progress-" + data.exported_at.slice(0, 10) + ".json";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.parentNode.removeChild(a); }, 1000);
      say("Saved " + plural(Object.keys(data.lessons).length, "lesson", "lessons") + " marked done and " +
        plural(Object.keys(data.quiz).length, "quiz answer", "quiz answers") + " to " + a.download + ".");
    });
    var input = box.querySelector(".ek-import");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var data;
        try {
          data = JSON.parse(String(reader.result));
        } catch (err) {
          say("Nothing was loaded: " + file.name + " is not a progress file (it is not JSON).");
          return;
        }
        try {
          var counts = lessons.importData(data);
          say("Loaded from " + file.name + ": " + plural(counts.lessons, "lesson", "lessons") + " newly marked done and " +
            plural(counts.quiz, "quiz result", "quiz results") + " added or improved.");
        } catch (err) {
          say("Nothing was loaded: " + err.message);
        }
        input.value = "";
      };
      reader.onerror = function () { say("Nothing was loaded: the file could not be read."); };
      reader.readAsText(file);
    });
    box.querySelector(".ek-clear").addEventListener("click", function () {
      if (!root.confirm("Delete every lesson marked done and every quiz result kept in this browser?")) {
        say("Nothing was deleted.");
        return;
      }
      lessons.clear();
      say("Your progress in this browser was deleted.");
    });
    box.hidden = false;
  }

  /* ------------------------------------------------------------------ every page */
  var LAST_KEY = "embargo-kit:last";
  var LESSON_FILE = /(?:^|\/)([a-z]+-\d{2}[a-z]?)-[^\/]*\.html$/;

  function pageName() {
    // documentation_options.js declares it with `const`: a global binding, not a property of window.
    var options = typeof DOCUMENTATION_OPTIONS !== "undefined" ? DOCUMENTATION_OPTIONS : null; // eslint-disable-line no-undef
    return options && options.pagename ? String(options.pagename) : "";
  }

  function contentRoot() {
    var value = document.documentElement.getAttribute("data-content_root");
    return value === null ? "" : value;
  }

  /* The lesson page last opened, for "Continue where you left off" on the landing page. */
  function rememberVisit(id) {
    var s = storage(), page = pageName();
    if (!s || !page) return;
    var heading = document.querySelector("article h1");
    var title = heading ? heading.textContent.replace(/[#\u00b6]\s*$/, "").trim() : id;
    try {
      s.setItem(LAST_KEY, JSON.stringify({ lesson: id, page: page, title: title, at: new Date().toISOString() }));
    } catch (err) { /* storage full or refused: nothing to remember */ }
  }

  function initContinue() {
    var s = storage();
    var article = document.querySelector("article.bd-article");
    if (!s || !article || pageName() !== "book/index") return;
    var last = readJSON(s, LAST_KEY);
    var progress = Object.keys(lessons.all()).length + Object.keys(lessons.quiz()).length;
    if (!last || !progress || typeof last.page !== "string" || !/^[a-z0-9_\/-]+$/.test(last.page)) return;
    var box = document.createElement("p");
    box.className = "ek-continue";
    var link = document.createElement("a");
    link.href = contentRoot() + last.page + ".html";
    link.textContent = "Continue where you left off: " + (last.title || last.lesson);
    box.appendChild(link);
    var first = article.querySelector("section > p") || article.querySelector("h1");
    if (first && first.parentNode) first.parentNode.insertBefore(box, first.nextSibling);
    else article.insertBefore(box, article.firstChild);
  }

  /* A tick beside every lesson marked done, in the site navigation. */
  function markSidebar() {
    var links = document.querySelectorAll(".bd-docs-nav a.reference.internal");
    for (var i = 0; i < links.length; i++) {
      var link = links[i], href = link.getAttribute("href") || "";
      if (href.charAt(0) === "#") href = root.location.pathname; // the current page links to "#"
      var match = href.indexOf("exercises/") === -1 ? LESSON_FILE.exec(href) : null; // notebooks are not lessons
      var mark = link.querySelector(".ek-nav-done");
      var done = !!(match && lessons.isDone(match[1]));
      if (done && !mark) {
        mark = document.createElement("span");
        mark.className = "ek-nav-done";
        mark.innerHTML = '<span aria-hidden="true"> \u2713</span><span class="ek-sr-only"> (done)</span>';
        link.appendChild(mark);
      } else if (!done && mark) {
        mark.parentNode.removeChild(mark);
      }
    }
  }

  /* Decision exercises: the worked answer (div.ek-worked, see decisions.py) waits until the learner wrote
     a decision; what they wrote stays in this browser. */
  function initWorked() {
    var boxes = document.querySelectorAll(".ek-worked");
    var s = storage();
    for (var i = 0; i < boxes.length; i++) {
      (function (answer, n) {
        var key = "embargo-kit:decision:" + pageName() + ":" + n;
        var id = "ek-try-" + n;
        var form = document.createElement("div");
        form.className = "ek-try";
        form.innerHTML = '<label for="' + id + '">Your decision, in a few words (it stays in this browser)</label>' +
          '<textarea id="' + id + '" rows="3"></textarea>' +
          '<button type="button" class="ek-try-show" aria-expanded="false">Show the worked answer</button>' +
          '<p class="ek-try-status" aria-live="polite"></p>';
        answer.parentNode.insertBefore(form, answer);
        answer.hidden = true;
        answer.id = answer.id || "ek-worked-" + n;
        var text = form.querySelector("textarea"), button = form.querySelector("button");
        var status = form.querySelector(".ek-try-status");
        button.setAttribute("aria-controls", answer.id);
        if (s) text.value = s.getItem(key) || "";
        text.addEventListener("input", function () {
          if (s) { try { s.setItem(key, text.value); } catch (err) { /* kept on the page only */ } }
        });
        button.addEventListener("click", function () {
          if (!answer.hidden) {
            answer.hidden = true;
            button.textContent = "Show the worked answer";
            button.setAttribute("aria-expanded", "false");
            status.textContent = "";
            return;
          }
          if (text.value.trim().split(/\s+/).filter(Boolean).length < 2) {
            status.textContent = "Write your decision first (a few words), then compare it with the worked answer.";
            text.focus();
            return;
          }
          answer.hidden = false;
          button.textContent = "Hide the worked answer";
          button.setAttribute("aria-expanded", "true");
          status.textContent = "The worked answer is shown below.";
        });
      })(boxes[i], i + 1);
    }
  }

  /* Wide tables scroll sideways inside their box: say so, and let the keyboard scroll them too. */
  function markWideTables() {
    var boxes = document.querySelectorAll("article .pst-scrollable-table-container");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i], wide = box.scrollWidth > box.clientWidth + 1;
      var cue = box.previousElementSibling && box.previousElementSibling.className === "ek-scroll-cue"
        ? box.previousElementSibling : null;
      box.classList.toggle("ek-wide", wide);
      if (wide && !cue) {
        cue = document.createElement("p");
        cue.className = "ek-scroll-cue";
        cue.textContent = "This table is wider than the screen: scroll it sideways to see every column \u2192";
        box.parentNode.insertBefore(cue, box);
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table, scrolls sideways");
      } else if (!wide && cue) {
        cue.parentNode.removeChild(cue);
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  function initAll() {
    var i, found;
    found = document.querySelectorAll(".ek-lesson-end");
    for (i = 0; i < found.length; i++) initLesson(found[i]);
    found = document.querySelectorAll(".ek-track-progress");
    for (i = 0; i < found.length; i++) initTrack(found[i]);
    found = document.querySelectorAll(".ek-dashboard");
    for (i = 0; i < found.length; i++) initDashboard(found[i]);
    found = document.querySelectorAll(".ek-progress-controls");
    for (i = 0; i < found.length; i++) initControls(found[i]);
    initContinue();
    initWorked();
    markSidebar();
    document.addEventListener("embargo-kit:progress", markSidebar);
    markWideTables();
    var resized = null;
    root.addEventListener("resize", function () {
      if (resized) root.clearTimeout(resized);
      resized = root.setTimeout(markWideTables, 200);
    });
  }

  root.embargoKitLessons = lessons;
  // quiz.js (the quiz results store) is deferred too, and may come before or after this file: start once
  // every deferred script has run, that is at DOMContentLoaded (or now, if the page has finished loading).
  var started = false;
  var start = function () { if (!started) { started = true; initAll(); } };
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
    root.addEventListener("load", start);
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
