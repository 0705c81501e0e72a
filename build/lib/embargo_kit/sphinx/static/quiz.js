/* embargo-kit quiz: checks answers in the page, offline, from file:// too.
 *
 * Each <fieldset class="ek-quiz-item"> carries data-salt, data-key (SHA-256 hex of salt + "|" + canonical
 * answer; several, space-separated, for a short item) and data-payload (base64, one per key: the JSON
 * {"feedback": [...], "explanation": "..."} XORed with a keystream whose key is
 * SHA-256 hex of salt + "|key|" + canonical answer; block i = SHA-256(key + i)).
 * Options carry data-fb: the feedback, prefixed "ek:", XORed under SHA-256 hex of salt + "|opt|" + index.
 * Canonical answer: single "2"; multi "0,3" (sorted indices); short: NFC, case-folded, spaces collapsed.
 *
 * SHA-256 is computed here in plain JS: crypto.subtle is not available over plain http off localhost.
 * Progress: localStorage["embargo-kit:quiz:<item id>"] = {"state": "correct"|"tried", "at": ISO date}.
 * window.embargoKitProgress.items() lists it for the progress page.
 */
(function (root, factory) {
  "use strict";
  var api = factory(root);
  if (typeof module === "object" && module && module.exports) {
    module.exports = api;
  } else {
    root.embargoKitQuiz = api;
    root.embargoKitProgress = api.progress;
  }
  if (typeof document !== "undefined" && document.querySelectorAll) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { api.initAll(document); });
    } else {
      api.initAll(document);
    }
  }
})(typeof globalThis !== "undefined" ? globalThis : typeof self !== "undefined" ? self : this, function (root) {
  "use strict";

  /* ---------------------------------------------------------------- SHA-256 (FIPS 180-4) */
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);

  function ror(x, n) { return (x >>> n) | (x << (32 - n)); }

  function utf8(text) { return new TextEncoder().encode(String(text)); }

  /* SHA-256 of a Uint8Array, as a Uint8Array of 32 bytes. */
  function sha256Bytes(bytes) {
    var len = bytes.length;
    var padded = new Uint8Array((((len + 8) >> 6) + 1) << 6);
    padded.set(bytes);
    padded[len] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(len / 0x20000000));
    view.setUint32(padded.length - 4, (len << 3) >>> 0);
    var H = new Uint32Array([
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    ]);
    var W = new Uint32Array(64);
    for (var off = 0; off < padded.length; off += 64) {
      var t;
      for (t = 0; t < 16; t++) W[t] = view.getUint32(off + 4 * t);
      for (t = 16; t < 64; t++) {
        var x = W[t - 15], y = W[t - 2];
        W[t] = W[t - 16] + (ror(x, 7) ^ ror(x, 18) ^ (x >>> 3)) + W[t - 7] +
          (ror(y, 17) ^ ror(y, 19) ^ (y >>> 10));
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (t = 0; t < 64; t++) {
        var t1 = (h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
        var t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] += a; H[1] += b; H[2] += c; H[3] += d; H[4] += e; H[5] += f; H[6] += g; H[7] += h;
    }
    var out = new Uint8Array(32), outView = new DataView(out.buffer);
    for (var i = 0; i < 8; i++) outView.setUint32(4 * i, H[i]);
    return out;
  }

  function toHex(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return s;
  }

  /* SHA-256 hex of the UTF-8 bytes of a string (matches Python hashlib.sha256(s.encode()).hexdigest()). */
  function sha256Hex(text) { return toHex(sha256Bytes(utf8(text))); }

  /* ---------------------------------------------------------------- keystream, XOR, base64 */
  function keystream(key, length) {
    var out = new Uint8Array(length);
    for (var i = 0; i * 32 < length; i++) {
      var block = sha256Bytes(utf8(key + String(i)));
      out.set(block.subarray(0, Math.min(32, length - i * 32)), i * 32);
    }
    return out;
  }

  function fromBase64(b64) {
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /* base64 ciphertext XOR keystream(key), decoded as strict UTF-8; null if not valid UTF-8. */
  function xorDecrypt(b64, key) {
    var data = fromBase64(b64), stream = keystream(key, data.length);
    for (var i = 0; i < data.length; i++) data[i] ^= stream[i];
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(data);
    } catch (err) {
      return null;
    }
  }

  /* ---------------------------------------------------------------- answers */
  function normaliseShort(text) {
    var s = String(text);
    if (s.normalize) s = s.normalize("NFC");
    // Upper- then lower-casing approximates Unicode case folding (Python str.casefold): ß -> ss, ﬁ -> fi;
    // lower-casing makes a word-final sigma ς, which case folding turns into σ.
    s = s.toUpperCase().toLowerCase().replace(/\u03c2/g, "\u03c3");
    return s.split(/\s+/).filter(Boolean).join(" ");
  }

  /* The canonical answer: a number or array of indices (single/multi) or a string (short). */
  function canonical(type, answer) {
    if (type === "short") return normaliseShort(answer);
    if (type === "single") return String(Array.isArray(answer) ? answer[0] : answer);
    return answer.map(Number).sort(function (x, y) { return x - y; }).join(",");
  }

  /* Which option indices' obfuscated feedback decodes: those are wrong options (returns {index: text}). */
  function wrongFeedback(spec, indices) {
    var found = {};
    indices.forEach(function (i) {
      var b64 = spec.fb && spec.fb[i];
      if (!b64) return;
      var text = xorDecrypt(b64, sha256Hex(spec.salt + "|opt|" + i));
      if (text !== null && text.indexOf("ek:") === 0) found[i] = text.slice(3);
    });
    return found;
  }

  /* Check an answer against an item spec {type, salt, keys[], payloads[], fb[]}.
   * Returns {state: "empty"|"correct"|"wrong", feedback: [strings], explanation: string}. */
  function evaluate(spec, answer) {
    var empty = spec.type === "short" ? normaliseShort(answer) === "" :
      (Array.isArray(answer) ? answer.length === 0 : answer === null || answer === undefined);
    if (empty) return { state: "empty", feedback: [], explanation: "" };
    var canon = canonical(spec.type, answer);
    var index = spec.keys.indexOf(sha256Hex(spec.salt + "|" + canon));
    if (index >= 0) {
      var plain = xorDecrypt(spec.payloads[index], sha256Hex(spec.salt + "|key|" + canon));
      var data = {};
      try { data = JSON.parse(plain); } catch (err) { data = {}; }
      return { state: "correct", feedback: data.feedback || [], explanation: data.explanation || "" };
    }
    var feedback = [];
    if (spec.type !== "short") {
      var chosen = Array.isArray(answer) ? answer.map(Number) : [Number(answer)];
      var wrong = wrongFeedback(spec, chosen);
      chosen.forEach(function (i) { if (wrong[i] !== undefined && wrong[i]) feedback.push(wrong[i]); });
      if (spec.type === "multi" && Object.keys(wrong).length === 0) {
        feedback.push("What you selected is right, but at least one more option applies.");
      }
    }
    return { state: "wrong", feedback: feedback, explanation: "" };
  }

  /* ---------------------------------------------------------------- progress (localStorage) */
  var PREFIX = "embargo-kit:quiz:";

  function storage() {
    try {
      var s = root.localStorage;
      return s || null;
    } catch (err) {
      return null; // file:// in some browsers, privacy modes
    }
  }

  var progress = {
    prefix: PREFIX,
    get: function (itemId) {
      try {
        var s = storage();
        var raw = s && s.getItem(PREFIX + itemId);
        return raw ? JSON.parse(raw) : null;
      } catch (err) {
        return null;
      }
    },
    record: function (itemId, state) {
      try {
        var s = storage();
        if (!s) return false;
        var before = progress.get(itemId);
        if (before && before.state === "correct" && state !== "correct") return true; // keep the success
        s.setItem(PREFIX + itemId, JSON.stringify({ state: state, at: new Date().toISOString() }));
        if (typeof document !== "undefined" && typeof CustomEvent === "function") {
          document.dispatchEvent(new CustomEvent("embargo-kit:progress", { detail: { item: itemId, state: state } }));
        }
        return true;
      } catch (err) {
        return false;
      }
    },
    /* [{item, state, at}] for every quiz item this browser has answered, sorted by item id. */
    items: function () {
      var out = [];
      try {
        var s = storage();
        if (!s) return out;
        for (var i = 0; i < s.length; i++) {
          var key = s.key(i);
          if (!key || key.indexOf(PREFIX) !== 0) continue;
          var value = progress.get(key.slice(PREFIX.length));
          if (value) out.push({ item: key.slice(PREFIX.length), state: value.state, at: value.at });
        }
      } catch (err) {
        return out;
      }
      return out.sort(function (x, y) { return x.item < y.item ? -1 : x.item > y.item ? 1 : 0; });
    },
    clear: function (itemId) {
      try {
        var s = storage();
        if (!s) return;
        if (itemId) { s.removeItem(PREFIX + itemId); return; }
        progress.items().forEach(function (entry) { s.removeItem(PREFIX + entry.item); });
      } catch (err) { /* nothing to do */ }
    }
  };

  /* ---------------------------------------------------------------- DOM */
  function specOf(fieldset) {
    var split = function (v) { return (v || "").split(/\s+/).filter(Boolean); };
    var inputs = fieldset.querySelectorAll(".ek-quiz-option input");
    var fb = [];
    for (var i = 0; i < inputs.length; i++) fb.push(inputs[i].getAttribute("data-fb") || "");
    return {
      id: fieldset.getAttribute("data-item"),
      type: fieldset.getAttribute("data-type"),
      salt: fieldset.getAttribute("data-salt"),
      keys: split(fieldset.getAttribute("data-key")),
      payloads: split(fieldset.getAttribute("data-payload")),
      fb: fb
    };
  }

  function answerOf(fieldset, type) {
    if (type === "short") {
      var text = fieldset.querySelector(".ek-quiz-answer input");
      return text ? text.value : "";
    }
    var chosen = [];
    var inputs = fieldset.querySelectorAll(".ek-quiz-option input");
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) chosen.push(Number(inputs[i].value));
    if (type === "single") return chosen.length ? chosen[0] : null;
    return chosen;
  }

  function para(doc, className, text) {
    var p = doc.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function show(fieldset, result) {
    var doc = fieldset.ownerDocument;
    var box = fieldset.querySelector(".ek-quiz-feedback");
    if (!box) return;
    fieldset.classList.remove("ek-quiz-is-correct", "ek-quiz-is-wrong");
    box.textContent = "";
    if (result.state === "empty") {
      box.appendChild(para(doc, "ek-quiz-verdict", fieldset.getAttribute("data-type") === "short" ?
        "Type an answer first." : "Choose an answer first."));
      return;
    }
    var correct = result.state === "correct";
    fieldset.classList.add(correct ? "ek-quiz-is-correct" : "ek-quiz-is-wrong");
    box.appendChild(para(doc, "ek-quiz-verdict", correct ? "Correct." : "Not yet."));
    result.feedback.forEach(function (text) { box.appendChild(para(doc, "ek-quiz-fb", text)); });
    if (!correct && !result.feedback.length) box.appendChild(para(doc, "ek-quiz-fb", "Try again."));
    if (correct && result.explanation) box.appendChild(para(doc, "ek-quiz-explanation", result.explanation));
  }

  function showPrevious(fieldset, record) {
    var note = fieldset.querySelector(".ek-quiz-previous");
    if (!note || !record || record.state !== "correct") return;
    var when = "";
    if (record.at) {
      var date = new Date(record.at);
      if (!isNaN(date.getTime())) when = " (" + date.toLocaleDateString() + ")";
    }
    note.textContent = "You answered this correctly before" + when + ".";
    note.hidden = false;
    fieldset.classList.add("ek-quiz-was-correct");
  }

  function init(fieldset) {
    if (fieldset.getAttribute("data-ek-ready")) return;
    fieldset.setAttribute("data-ek-ready", "1");
    var spec = specOf(fieldset);
    var button = fieldset.querySelector(".ek-quiz-check");
    var check = function () {
      var result = evaluate(spec, answerOf(fieldset, spec.type));
      show(fieldset, result);
      if (result.state !== "empty") {
        progress.record(spec.id, result.state === "correct" ? "correct" : "tried");
      }
    };
    if (button) button.addEventListener("click", check);
    var text = fieldset.querySelector(".ek-quiz-answer input");
    if (text) {
      text.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); check(); }
      });
    }
    showPrevious(fieldset, progress.get(spec.id));
  }

  function initAll(doc) {
    var sets = (doc || document).querySelectorAll("fieldset.ek-quiz-item");
    for (var i = 0; i < sets.length; i++) init(sets[i]);
  }

  return {
    sha256Hex: sha256Hex,
    sha256Bytes: sha256Bytes,
    keystream: keystream,
    xorDecrypt: xorDecrypt,
    normaliseShort: normaliseShort,
    canonical: canonical,
    evaluate: evaluate,
    progress: progress,
    init: init,
    initAll: initAll
  };
});
