/* embargo-kit SCORM 1.2 adapter: inside an LMS, the progress and quiz store also reports to the LMS.
 *
 * Loaded only by the pages of a SCORM package (`embargo-kit lms scorm` adds it, with
 * _static/embargo-kit-scorm-course.js, which sets window.embargoKitScormCourse = {track, title, launch,
 * pages, lessons: [{id, quiz: [item ids]}]}). On the published site neither file is loaded, and in a
 * package opened without an LMS no SCORM API is found: then this file does nothing at all.
 *
 * One SCO per track. The package's launch page (index.html, html[data-ek-scorm="launch"]) owns the SCORM
 * session: LMSInitialize, the bookmark (it opens the page cmi.core.lesson_location names in its frame) and,
 * when the learner leaves, cmi.core.exit, cmi.core.session_time, LMSCommit and LMSFinish. Each page of the
 * track, shown in that frame, reports what the store holds whenever it changes ("embargo-kit:progress"):
 *   cmi.core.lesson_location  this page (path inside the package): the bookmark
 *   cmi.core.lesson_status    "completed" once every lesson of the track is marked done, else "incomplete"
 *   cmi.core.score.raw/min/max  per cent of the track's quiz questions answered correctly (0-100)
 *   cmi.suspend_data          {"v":1,"l":[lessons done],"q":{item: "c"|"t"}} (c: correct, t: tried)
 * and, on load, merges suspend_data back into the store (embargoKitLessons.importData keeps the better
 * result), so progress follows the learner from one computer to another through the LMS.
 */
(function (root) {
  "use strict";

  var course = root.embargoKitScormCourse;
  if (!course) return;

  var MAX_TRIES = 500; // the SCORM 1.2 RTE's API discovery algorithm gives up after this many parents
  var SUSPEND_LIMIT = 4096; // characters SCORM 1.2 guarantees for cmi.suspend_data

  /* ---------------------------------------------------------------- finding the API (SCORM 1.2 RTE 3.3.6.1) */
  function searchFrom(win) {
    var tries = 0;
    while (win) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch (err) { /* a frame of another origin: look further up */ }
      var parent = null;
      try { parent = win.parent; } catch (err) { parent = null; }
      if (!parent || parent === win || ++tries > MAX_TRIES) return null;
      win = parent;
    }
    return null;
  }

  function findAPI() {
    var api = searchFrom(root);
    if (api) return api;
    try {
      if (root.opener) api = searchFrom(root.opener);
      if (!api && root.top && root.top.opener) api = searchFrom(root.top.opener);
    } catch (err) { /* an opener of another origin */ }
    return api;
  }

  var isLaunch = document.documentElement.getAttribute("data-ek-scorm") === "launch";
  var api = findAPI();
  if (!api) { // not in an LMS: the pages behave exactly as the site's; the launch page just shows the track
    if (isLaunch) {
      var show = function () { document.getElementById("ek-scorm-content").src = course.launch; };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show); else show();
    }
    return;
  }

  function get(name) { return String(api.LMSGetValue(name) || ""); }
  function set(name, value) { return api.LMSSetValue(name, String(value)) === "true"; }
  function notInitialized() {
    api.LMSGetValue("cmi.core.lesson_status");
    return String(api.LMSGetLastError()) === "301";
  }

  /* Paths inside the package: this file is <package>/_static/scorm.js. */
  var here = document.currentScript && document.currentScript.src;
  var packageRoot = here ? here.replace(/_static\/scorm\.js(\?.*)?$/, "") : "";
  function packagePath(href) {
    var clean = String(href).split("#")[0].split("?")[0];
    return clean.indexOf(packageRoot) === 0 ? decodeURIComponent(clean.slice(packageRoot.length)) : "";
  }

  /* ---------------------------------------------------------------- the launch page */
  function sessionTime(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  function launch() {
    var started = Date.now();
    var open = api.LMSInitialize("") === "true";
    var frame = document.getElementById("ek-scorm-content");
    var bookmark = open ? get("cmi.core.lesson_location") : "";
    var page = course.pages.indexOf(bookmark) >= 0 ? bookmark : course.launch;
    if (open && get("cmi.core.lesson_status") === "not attempted") {
      set("cmi.core.lesson_status", "incomplete");
      api.LMSCommit("");
    }
    frame.src = page;
    var finished = false;
    var finish = function () {
      if (!open || finished) return;
      finished = true;
      set("cmi.core.exit", get("cmi.core.lesson_status") === "completed" ? "" : "suspend");
      set("cmi.core.session_time", sessionTime(Date.now() - started));
      api.LMSCommit("");
      api.LMSFinish("");
    };
    root.addEventListener("pagehide", finish);
    root.addEventListener("beforeunload", finish);
  }

  /* ---------------------------------------------------------------- a page of the track */
  function lessonsStore() { return root.embargoKitLessons || null; }

  function figures(store) {
    var done = [], quiz = {}, right = 0, total = 0;
    course.lessons.forEach(function (lesson) {
      if (store.isDone(lesson.id)) done.push(lesson.id);
      (lesson.quiz || []).forEach(function (item) {
        total++;
        var state = store.quizState(item);
        if (state === "correct") { right++; quiz[item] = "c"; } else if (state === "tried") { quiz[item] = "t"; }
      });
    });
    return { done: done, quiz: quiz, right: right, total: total };
  }

  function suspendData(f) {
    var data = { v: 1, l: f.done, q: f.quiz };
    var text = JSON.stringify(data);
    if (text.length > SUSPEND_LIMIT) { // keep what counts: drop the questions only tried
      Object.keys(f.quiz).forEach(function (id) { if (f.quiz[id] !== "c") delete data.q[id]; });
      text = JSON.stringify(data);
    }
    return text.length > SUSPEND_LIMIT ? JSON.stringify({ v: 1, l: f.done, q: {} }) : text;
  }

  function restore(store) {
    var data;
    try { data = JSON.parse(get("cmi.suspend_data") || "null"); } catch (err) { return; }
    if (!data || data.v !== 1) return;
    var lessons = {}, quiz = {};
    (data.l || []).forEach(function (id) { lessons[id] = { state: "done" }; });
    Object.keys(data.q || {}).forEach(function (id) {
      quiz[id] = { state: data.q[id] === "c" ? "correct" : "tried" };
    });
    try {
      store.importData({ format: "embargo-kit-progress", version: 1, lessons: lessons, quiz: quiz });
    } catch (err) { /* storage refused: the LMS keeps its copy */ }
  }

  function report(store, location) {
    var f = figures(store);
    if (location) set("cmi.core.lesson_location", location);
    set("cmi.core.lesson_status", f.done.length === course.lessons.length ? "completed" : "incomplete");
    if (f.total) {
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", Math.round((100 * f.right) / f.total));
    }
    set("cmi.suspend_data", suspendData(f));
    api.LMSCommit("");
  }

  function page() {
    var store = lessonsStore();
    if (!store) return;
    var own = notInitialized() && api.LMSInitialize("") === "true"; // opened without the launch page
    restore(store);
    report(store, packagePath(root.location.href));
    var reporting = false;
    document.addEventListener("embargo-kit:progress", function () {
      if (reporting) return;
      reporting = true;
      try { report(store, ""); } finally { reporting = false; }
    });
    root.addEventListener("pagehide", function () {
      api.LMSCommit("");
      if (own) api.LMSFinish("");
      own = false;
    });
  }

  var start = isLaunch ? launch : page;
  // Deferred like progress.js and after it: by DOMContentLoaded the progress store exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
