/* Alliances static explorers, part 2 of 4: scenario files.
 * Save the explorer's settings and prediction as JSON or CSV and load one back, in the format
 * of widgets/scenario_file.py. Both loaders apply ONE declared rule set, scenario_file.RULES,
 * which the page carries in each explorer's data (data.format): number pattern, encoding,
 * size, nesting depth, name length, formula guard. Every message names the file and the field
 * in the same words as Python's loader. A file is only ever used to look up known controls and
 * grid values: nothing of it reaches the page. */
(function () {
  "use strict";
  var E = window.AlliancesExplorer;
  var has = E.has, say = E.say;

  // ------------------------------------------------------------------ messages (validation.shown, listed)

  function cut(text, limit) { return text.length > limit ? text.slice(0, limit - 1) + "…" : text; }

  function shown(rules, value, limit) {
    var text = typeof value === "string" ? "'" + value.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'" : String(value);
    return cut(text, limit || rules.max_shown);
  }

  function listed(rules, names) {
    var head = names.slice(0, rules.max_listed).join(", ");
    return names.length <= rules.max_listed ? head : head + " and " + (names.length - rules.max_listed) + " more";
  }

  function described(rules, value) {
    if (value === null || value === undefined) { return "null"; }
    if (Array.isArray(value)) { return "an array"; }
    if (typeof value === "object") { return "an object"; }
    if (typeof value === "boolean") { return value ? "true" : "false"; }
    if (typeof value === "number" && !isFinite(value) && !isNaN(value)) { return "a number too large to use (it overflows to infinity)"; }
    return shown(rules, value);
  }

  function named(rules, name) {
    var text = String(name);
    if (!text.trim()) {
      if (!text) { return "(an empty name)"; }
      return "(a blank name of " + text.length + " whitespace character" + (text.length !== 1 ? "s" : "") + ")";
    }
    return shown(rules, text);
  }

  function plain(rules, name) { // a control name, unquoted
    var text = String(name);
    if (!text.trim()) { return named(rules, text); }
    return text.length <= 40 ? text : text.slice(0, 39) + "…";
  }

  function fail(source, text) { throw new Error(source + ": " + text); }

  // ------------------------------------------------------------------ the rules' patterns

  function compiled(rules) {
    if (!rules._re) {
      var flags = rules.regex_flags;
      rules._re = {
        number: new RegExp(rules.number_pattern, flags), yes: new RegExp(rules.true_pattern, flags),
        no: new RegExp(rules.false_pattern, flags), forbidden: new RegExp(rules.forbidden_text, flags)
      };
    }
    return rules._re;
  }

  function startsFormula(rules, text) {
    return typeof text === "string" && rules.formula_starts.some(function (s) { return text.indexOf(s) === 0; });
  }

  function trimmed(text, chars) {
    var a = 0, b = text.length;
    while (a < b && chars.indexOf(text[a]) >= 0) { a++; }
    while (b > a && chars.indexOf(text[b - 1]) >= 0) { b--; }
    return text.slice(a, b);
  }

  function lineOf(text, index) { return text.slice(0, index).split("\n").length; }

  // ------------------------------------------------------------------ bytes to text

  function startsWithBytes(bytes, prefix) {
    if (bytes.length < prefix.length) { return false; }
    for (var i = 0; i < prefix.length; i++) { if (bytes[i] !== prefix[i]) { return false; } }
    return true;
  }

  /* Index of the first byte that is not valid UTF-8, or -1. */
  function badUtf8(bytes) {
    var i = 0;
    while (i < bytes.length) {
      var b = bytes[i], need = 0, min = 0;
      if (b < 0x80) { i++; continue; }
      if (b >= 0xC2 && b <= 0xDF) { need = 1; min = 0x80; }
      else if (b >= 0xE0 && b <= 0xEF) { need = 2; min = 0x800; }
      else if (b >= 0xF0 && b <= 0xF4) { need = 3; min = 0x10000; }
      else { return i; }
      if (i + need >= bytes.length) { return i; }
      var cp = b & (need === 1 ? 0x1F : need === 2 ? 0x0F : 0x07);
      for (var k = 1; k <= need; k++) {
        var c = bytes[i + k];
        if (c === undefined || (c & 0xC0) !== 0x80) { return i; }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { return i; }
      i += need + 1;
    }
    return -1;
  }

  function decoded(rules, bytes, source) {
    if (bytes.length > rules.max_bytes) { fail(source, bytes.length + " bytes is too large (at most " + rules.max_bytes + ")"); }
    rules.rejected_boms.forEach(function (bom) {
      if (startsWithBytes(bytes, bom.bytes)) { fail(source, "the file is " + bom.name + " text; save it as UTF-8 (in Excel: 'CSV UTF-8')"); }
    });
    if (startsWithBytes(bytes, rules.utf8_bom)) { bytes = bytes.subarray(rules.utf8_bom.length); }
    var bad = badUtf8(bytes);
    if (bad >= 0) {
      var line = 1;
      for (var i = 0; i < bad; i++) { if (bytes[i] === 10) { line++; } }
      var hex = bytes[bad].toString(16);
      fail(source, "not UTF-8 text (byte 0x" + (hex.length < 2 ? "0" : "") + hex + " on line " + line + "); save it as UTF-8 (in Excel: 'CSV UTF-8')");
    }
    return new TextDecoder("utf-8").decode(bytes);
  }

  function checkText(rules, text, source) {
    var re = compiled(rules).forbidden;
    var match = re.exec(text);
    if (match) {
      var what = match[0] === "\u0000" ? "a NUL character (is it UTF-16 text?)" : "a lone surrogate (not valid Unicode)";
      fail(source, "line " + lineOf(text, match.index) + " holds " + what + "; save the file as UTF-8 text");
    }
    if (new TextEncoder().encode(text).length > rules.max_bytes) { fail(source, "too large (at most " + rules.max_bytes + " bytes)"); }
    return text.charAt(0) === "\ufeff" ? text.slice(1) : text;
  }

  // ------------------------------------------------------------------ JSON

  /* Refuse JSON nested deeper than rules.max_depth before parsing it, naming the field. */
  function tooDeep(rules, text, source) {
    var token = /"(?:[^"\\]|\\.)*"|[{}\[\]:]/g, path = [], key = null, last = null, m;
    while ((m = token.exec(text)) !== null) {
      var t = m[0];
      if (t.charAt(0) === '"') { last = t; }
      else if (t === ":") { key = last; last = null; }
      else if (t === "{" || t === "[") {
        path.push(key); key = null;
        if (path.length > rules.max_depth) {
          var names = path.filter(Boolean).map(function (k) { try { return JSON.parse(k); } catch (e) { return k; } });
          var where = names.length ? "field " + named(rules, names.join(".")) : "the JSON";
          fail(source, where + " is nested more than " + rules.max_depth + " levels deep (a scenario file uses 3)");
        }
      } else { if (path.length) { path.pop(); } key = null; }
    }
  }

  function checkTree(rules, value, where, source) {
    var re = compiled(rules).forbidden;
    if (Array.isArray(value)) { value.forEach(function (child) { checkTree(rules, child, where, source); }); }
    else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (key) {
        var name = where ? where + "." + key : key;
        if (re.test(key)) { fail(source, "a field name in " + named(rules, where || "the file") + " holds a NUL character or a lone surrogate (not valid text)"); }
        if (key.length > rules.max_field_name) { fail(source, "field name " + named(rules, name) + " is longer than " + rules.max_field_name + " characters"); }
        checkTree(rules, value[key], name, source);
      });
    } else if (typeof value === "string" && re.test(value)) {
      fail(source, "field " + named(rules, where) + " holds a NUL character or a lone surrogate (not valid text)");
    }
  }

  function fromJson(rules, text, source) {
    tooDeep(rules, text, source);
    var rec;
    try { rec = JSON.parse(text); } catch (e) { fail(source, "not valid JSON (" + e.message + ")"); }
    if (!rec || typeof rec !== "object" || Array.isArray(rec)) { fail(source, "the JSON must be an object {...}, got " + described(rules, rec)); }
    checkTree(rules, rec, "", source);
    return rec;
  }

  // ------------------------------------------------------------------ CSV (RFC 4180, as scenario_text._csv_rows)

  function csvRows(text, source) {
    var rows = [], row = [], cell = "", quoted = false, i = 0;
    while (i < text.length) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (ch === '"') { quoted = false; i++; continue; }
        cell += ch; i++; continue;
      }
      if (ch === '"' && cell === "") { quoted = true; i++; continue; }
      if (ch === '"') { fail(source, "not valid CSV (a quote inside an unquoted field, line " + lineOf(text, i) + ", column " + (row.length + 1) + ")"); }
      if (ch === ",") { row.push(cell); cell = ""; i++; continue; }
      if (ch === "\r" || ch === "\n") {
        row.push(cell); cell = "";
        if (row.length > 1 || row[0] !== "") { rows.push(row); }
        row = [];
        i += (ch === "\r" && text[i + 1] === "\n") ? 2 : 1;
        continue;
      }
      cell += ch; i++;
    }
    if (quoted) { fail(source, "not valid CSV (a quoted field is never closed)"); }
    row.push(cell);
    if (row.length > 1 || row[0] !== "") { rows.push(row); }
    return rows;
  }

  function csvValue(rules, name, cell, source) {
    var re = compiled(rules), raw = trimmed(cell, rules.csv_trim);
    if (re.yes.test(raw)) { return true; }
    if (re.no.test(raw)) { return false; }
    if (!re.number.test(raw)) { fail(source, "column " + name + " must be a number written like 0.25 or -1e-3 (or true/false), got " + shown(rules, cell)); }
    return parseFloat(raw);
  }

  function fromCsv(rules, text, source) {
    var rows = csvRows(text, source);
    if (rows.length !== 2) { fail(source, "a CSV scenario has one header row and one data row, got " + rows.length + " rows"); }
    var header = rows[0], cells = rows[1];
    if (header.length !== cells.length) { fail(source, "the CSV header has " + header.length + " columns but the data row has " + cells.length); }
    header.forEach(function (name, k) {
      if (!name.trim()) { fail(source, "CSV column " + (k + 1) + " has " + named(rules, name)); }
      if (name.length > rules.max_field_name) { fail(source, "CSV column " + (k + 1) + " name " + named(rules, name) + " is longer than " + rules.max_field_name + " characters"); }
    });
    var counts = Object.create(null);
    header.forEach(function (name) { counts[name] = (counts[name] || 0) + 1; });
    var twice = Object.keys(counts).filter(function (n) { return counts[n] > 1; }).sort();
    if (twice.length) { fail(source, "the CSV header names a column twice: " + listed(rules, twice.map(function (n) { return named(rules, n); }))); }
    var unknown = header.filter(function (name) {
      return rules.csv_head.indexOf(name) < 0 && !rules.csv_prefixes.some(function (p) { return name.indexOf(p) === 0 && name.length > p.length; });
    });
    if (unknown.length) {
      fail(source, "unknown CSV column " + listed(rules, unknown.map(function (n) { return named(rules, n); })) +
        " (allowed: " + rules.csv_head.join(", ") + ", control.*, prediction.*)");
    }
    var rec = {controls: Object.create(null), prediction: Object.create(null)};
    header.forEach(function (name, k) {
      var cell = cells[k];
      if (name === "version") {
        var raw = trimmed(cell, rules.csv_trim);
        var number = compiled(rules).number.test(raw) ? parseFloat(raw) : null;
        rec.version = (number !== null && Number.isInteger(number)) ? number : cell;
      } else if (rules.csv_head.indexOf(name) >= 0) { rec[name] = cell; }
      else if (name.indexOf("control.") === 0) { rec.controls[name.slice(8)] = csvValue(rules, name, cell, source); }
      else { rec.prediction[name.slice(11)] = cell; }
    });
    return rec;
  }

  /* scenario_file.parse_record: bytes (Uint8Array) or text, and the file's name. */
  function parseRecord(rules, input, name) {
    var source = name ? "scenario file " + shown(rules, String(name), 60) : "scenario file";
    var text = typeof input === "string" ? input : decoded(rules, input, source);
    text = checkText(rules, text, source);
    var start = trimmed(text, rules.json_whitespace).charAt(0);
    var isJson = rules.json_starts.indexOf(start) >= 0 || String(name || "").toLowerCase().slice(-rules.json_suffix.length) === rules.json_suffix;
    if (!trimmed(text, rules.json_whitespace)) {
      fail(source, "the file is empty (a scenario is a " + (isJson ? "JSON object" : "JSON object or a CSV header and row") + ")");
    }
    return {record: isJson ? fromJson(rules, text, source) : fromCsv(rules, text, source), source: source};
  }

  function formulaWarnings(rules, rec, source) {
    var found = [];
    function walk(value, where) {
      if (Array.isArray(value)) { value.forEach(function (child) { walk(child, where); }); }
      else if (value && typeof value === "object") { Object.keys(value).forEach(function (k) { walk(value[k], where + "." + k); }); }
      else if (startsFormula(rules, value)) { found.push(where); }
    }
    ["format", "explorer", "title"].concat(Object.keys(rules.text_fields).sort()).forEach(function (key) { walk(rec[key], key); });
    walk(rec.prediction, "prediction");
    if (!found.length) { return []; }
    return [source + ": " + listed(rules, found.map(function (f) { return named(rules, f); })) + " start" + (found.length === 1 ? "s" : "") +
      " with =, +, -, @, a tab or a carriage return, which a spreadsheet may run as a formula; it was loaded as text," +
      " but check the file before stacking it into a spreadsheet"];
  }

  function unguarded(rules, value) {
    if (typeof value === "string" && value.indexOf(rules.formula_guard) === 0 && startsFormula(rules, value.slice(rules.formula_guard.length))) {
      return value.slice(rules.formula_guard.length);
    }
    return value;
  }

  /* scenario_file.check_text_fields: the student's name and justification (guard removed), or throws. */
  function checkTexts(rules, rec, source) {
    var out = {};
    Object.keys(rules.text_fields).sort().forEach(function (name) {
      var rule = rules.text_fields[name], value = has(rec, name) ? rec[name] : "";
      if (typeof value !== "string") { fail(source, name + " must be text, got " + described(rules, value)); }
      value = unguarded(rules, value);
      var length = Array.from(value).length; // code points, as Python's len
      if (length > rule.max) { fail(source, name + " is " + length + " characters long; at most " + rule.max + " are allowed"); }
      if (rule.one_line && /[\r\n]/.test(value)) { fail(source, name + " must be one line (it holds a line break)"); }
      out[name] = value;
    });
    return out;
  }

  /* scenario_file.check_head: format, version and the student's texts, shared by every scenario file. */
  function checkHead(rules, rec, source) {
    if (rec.format !== rules.format) { fail(source, "format must be '" + rules.format + "', got " + described(rules, rec.format)); }
    if (typeof rec.version !== "number" || rules.versions.indexOf(rec.version) < 0) {
      fail(source, "version must be " + rules.versions[0] + ", got " + described(rules, rec.version));
    }
    return checkTexts(rules, rec, source);
  }

  /* scenario_file._whose: the chapter of a book explorer's id. */
  function whose(rules, explorer) {
    var chapter = typeof explorer === "string" && has(rules.explorer_chapters, explorer) ? rules.explorer_chapters[explorer] : null;
    return chapter ? " in " + chapter : " (not an explorer of this book)";
  }

  /* scenario_file.check_record: level indices for this explorer, or throws. */
  function checkRecord(state, rec, source) {
    var data = state.data, rules = data.format;
    checkHead(rules, rec, source);
    if (rec.explorer !== data.explorer) {
      fail(source, "it was saved from explorer " + described(rules, rec.explorer) + whose(rules, rec.explorer) +
        ", not from this one ('" + data.explorer + "', '" + data.title + "'); load it into its own explorer");
    }
    var given = rec.controls;
    if (!given || typeof given !== "object" || Array.isArray(given)) {
      fail(source, "controls must be an object of control names and values, got " + described(rules, given));
    }
    var names = data.controls.map(function (c) { return c.name; });
    var missing = names.filter(function (n) { return !has(given, n); });
    var unknown = Object.keys(given).filter(function (n) { return names.indexOf(n) < 0; }).map(function (n) { return plain(rules, n); });
    if (missing.length || unknown.length) {
      var parts = [];
      if (missing.length) { parts.push("missing " + listed(rules, missing)); }
      if (unknown.length) { parts.push("unknown " + listed(rules, unknown)); }
      fail(source, "controls " + parts.join("; ") + " (this explorer's controls: " + names.join(", ") + ")");
    }
    return data.controls.map(function (control) {
      var raw = given[control.name];
      if (control.toggle) {
        if (typeof raw !== "boolean") { fail(source, "control " + control.name + " must be true or false, got " + described(rules, raw)); }
        return raw ? 1 : 0;
      }
      if (typeof raw !== "number" || !isFinite(raw)) {
        fail(source, "control " + control.name + " must be a number (" + control.labels.join(", ") + "), got " + described(rules, raw));
      }
      for (var i = 0; i < control.values.length; i++) {
        if (Math.abs(control.values[i] - raw) <= 1e-6) { return i; }
      }
      fail(source, "control " + control.name + " must be one of " + control.labels.join(", ") + ", got " + shown(rules, raw));
    });
  }

  // ------------------------------------------------------------------ saving

  function prediction(state) {
    var meta = (state.figure && state.figure.layout && state.figure.layout.meta) || {};
    var out = {summary: typeof meta.description === "string" ? meta.description : ""};
    if (meta.result && typeof meta.result === "object") {
      Object.keys(meta.result).forEach(function (key) { out[key] = meta.result[key]; });
    }
    return out;
  }

  function record(state) {
    var indices = E.readIndices(state), controls = {};
    state.data.controls.forEach(function (control, i) { controls[control.name] = control.values[indices[i]]; });
    var notes = readNotes(state);
    return {
      format: state.data.format.format, version: state.data.format.versions[0], explorer: state.data.explorer,
      title: state.data.title, student: notes.student, justification: notes.justification, controls: controls,
      prediction: prediction(state)
    };
  }

  function flatten(prefix, value, out) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      Object.keys(value).forEach(function (key) { flatten(prefix ? prefix + "." + key : key, value[key], out); });
    } else {
      out.push([prefix, value]);
    }
  }

  /* A cell as scenario_file._cell writes it: text a spreadsheet would run as a formula gets the guard. */
  function csvCell(rules, value) {
    var text = typeof value === "boolean" ? (value ? "true" : "false") : String(value);
    if (typeof value === "string" && startsFormula(rules, text)) { text = rules.formula_guard + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(rules, rec) {
    var flat = [];
    rules.csv_head.forEach(function (key) { flat.push([key, rec[key]]); });
    flatten("control", rec.controls, flat);
    flatten("prediction", rec.prediction, flat);
    return flat.map(function (p) { return csvCell(rules, p[0]); }).join(",") + "\r\n" +
      flat.map(function (p) { return csvCell(rules, p[1]); }).join(",") + "\r\n";
  }

  /* scenario_rules.student_slug: the student's name as it goes into a download name. */
  function studentSlug(rules, student) {
    var text = String(student || "").normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
    text = text.replace(new RegExp(rules.slug.drop, "g" + rules.regex_flags), "-").replace(/^-+|-+$/g, "");
    return text.slice(0, rules.slug.max).replace(/^-+|-+$/g, "");
  }

  function downloadName(rules, explorer, student, kind) {
    var slug = studentSlug(rules, student);
    return explorer + (slug ? "-" + slug : "") + "-scenario." + kind;
  }

  // ------------------------------------------------------------------ the student's name and justification
  // Their own element (.ae-notes, static_explorer._notes_html), apart from the Save/Load tools.

  function readNotes(state) {
    var box = state.root.querySelector(".ae-notes");
    var student = box && box.querySelector(".ae-student"), why = box && box.querySelector(".ae-justification");
    return {student: student ? student.value : "", justification: why ? why.value : ""};
  }

  function writeNotes(state, texts) {
    var box = state.root.querySelector(".ae-notes");
    if (!box) { return; }
    box.querySelector(".ae-student").value = texts.student;
    box.querySelector(".ae-justification").value = texts.justification;
  }

  function startNotes(state) {
    var box = state.root.querySelector(".ae-notes");
    if (box) { box.hidden = false; }
  }

  function download(state, kind) {
    var rec = record(state), rules = state.data.format;
    try { checkTexts(rules, rec, "the scenario"); } catch (e) { say(state, "Not saved: " + e.message + ".", true); return; }
    var text = kind === "csv" ? toCsv(state.data.format, rec) : JSON.stringify(rec, null, 2) + "\n";
    var blob = new Blob([text], {type: kind === "csv" ? "text/csv" : "application/json"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = downloadName(rules, state.data.explorer, rec.student, kind);
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    say(state, "Saved " + link.download + ". Load it back here, or in the live notebook, to reproduce this scenario.");
  }

  // ------------------------------------------------------------------ loading

  /* Read, check and apply a file's bytes; resolves to the status shown, or rejects with it. */
  function loadBytes(state, bytes, name) {
    var rules = state.data.format, indices, parsed, warnings, texts;
    try {
      parsed = parseRecord(rules, bytes, name);
      indices = checkRecord(state, parsed.record, parsed.source);
      texts = checkTexts(rules, parsed.record, parsed.source);
      warnings = formulaWarnings(rules, parsed.record, parsed.source);
    } catch (e) {
      var message = "Not loaded: " + e.message + ". Nothing was changed.";
      say(state, message, true);
      return Promise.reject(message);
    }
    E.writeIndices(state, indices);
    writeNotes(state, texts);
    return E.update(state).then(function () {
      E.links.keepInUrl();
      var recorded = parsed.record.prediction && unguarded(rules, parsed.record.prediction.summary);
      var report = "Scenario loaded.";
      if (recorded && recorded !== prediction(state).summary) {
        report += " Note: the file recorded a different prediction; the one shown is today's model.";
      }
      report = [report].concat(warnings.map(function (w) { return "Warning: " + w + "."; })).join(" ");
      say(state, report);
      return report;
    });
  }

  function loadFile(state, file) {
    if (!file) { return; }
    var rules = state.data.format;
    if (file.size > rules.max_bytes) {
      say(state, "Not loaded: scenario file " + shown(rules, String(file.name), 60) + ": " + file.size +
        " bytes is too large (at most " + rules.max_bytes + "). Nothing was changed.", true);
      return;
    }
    file.arrayBuffer().then(function (buffer) {
      loadBytes(state, new Uint8Array(buffer), file.name).catch(function () { /* shown already */ });
    }, function () {
      say(state, "Not loaded: " + shown(rules, String(file.name), 60) + " could not be read. Nothing was changed.", true);
    });
  }

  E.files = {download: download, loadFile: loadFile, loadBytes: loadBytes, parseRecord: parseRecord, checkRecord: checkRecord,
    checkHead: checkHead, whose: whose, formulaWarnings: formulaWarnings, unguarded: unguarded, described: described,
    shown: shown, record: record, toCsv: toCsv, studentSlug: studentSlug, downloadName: downloadName, startNotes: startNotes};
})();
