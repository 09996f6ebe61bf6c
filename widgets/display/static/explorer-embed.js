/* Alliances static explorers: the "Embed" snippet (its own part, hooked in by explorer-controls.js).
 * Every explorer has a page of its own, embed/<explorer id>.html (written by _ext/alliances_embed.py).
 * This adds, under the explorer's buttons, a disclosure with the iframe code that shows that page,
 * at the explorer's current settings (the same link fragment as the chapter), for slides and LMS
 * pages. On an embed page it also keeps the link back to the chapter at the current settings.
 * Text is inserted with textContent / value only. */
(function () {
  "use strict";
  var E = window.AlliancesExplorer;
  var MARGIN = 150; // the embed page's heading and source line around the explorer, in px

  function escapeAttr(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function embedBase() {
    var meta = document.querySelector('meta[name="alliances-embed-base"]');
    return meta ? meta.getAttribute("content") : null;
  }

  /* The fragment of this explorer's settings ("" at its starting point). */
  function fragment(state) { return E.links.fragmentEntries(state, true).join("&"); }

  function embedUrl(state) {
    var url = new URL(embedBase() + encodeURIComponent(state.data.explorer) + ".html", window.location.href);
    var part = fragment(state);
    return url.href.split("#")[0] + (part ? "#" + part : "");
  }

  function snippet(state) {
    var height = Math.ceil((state.root.getBoundingClientRect().height + MARGIN) / 10) * 10;
    return '<iframe src="' + escapeAttr(embedUrl(state)) + '" title="' + escapeAttr(state.data.title) +
      ' (interactive explorer from Alliances)" width="100%" height="' + height +
      '" style="border: 0; max-width: 60rem;" loading="lazy"></iframe>';
  }

  function attach(state) {
    if (embedBase() === null || state.root.querySelector(".ae-embed")) { return; }
    var id = state.data.explorer;
    var box = document.createElement("details");
    box.className = "ae-embed";
    var summary = document.createElement("summary");
    summary.textContent = "Embed this explorer";
    var help = document.createElement("p");
    help.id = id + "-embed-help";
    help.textContent = "Paste this code into a slide or a page of your learning platform (in its HTML view). " +
      "It shows this explorer alone, at its current settings.";
    var code = document.createElement("textarea");
    code.className = "ae-embed-code";
    code.readOnly = true;
    code.rows = 3;
    code.setAttribute("aria-label", "Embed code for " + state.data.title);
    code.setAttribute("aria-describedby", help.id);
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "ae-embed-copy";
    copy.textContent = "Copy embed code";
    box.appendChild(summary); box.appendChild(help); box.appendChild(code); box.appendChild(copy);
    // inside the "Save or share" menu, after its actions (static_explorer.share_html)
    var fold = state.root.querySelector(".ae-share");
    if (fold) { fold.appendChild(box); } else { state.status.parentNode.insertBefore(box, state.status.nextSibling); }

    function refresh() { if (box.open) { code.value = snippet(state); } }
    box.addEventListener("toggle", refresh);
    state.root.querySelector("form").addEventListener("input", refresh);
    code.addEventListener("focus", function () { refresh(); code.select(); });
    copy.addEventListener("click", function () {
      code.value = snippet(state);
      code.select();
      E.say(state, "Embed code selected: copy it with Ctrl+C (Cmd+C on a Mac).");
      try {
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(code.value).then(function () { E.say(state, "Embed code copied."); }, function () {});
        }
      } catch (e) { /* the code is selected on screen */ }
    });

    var back = document.querySelector("a.embed-chapter");
    if (back) {
      back.addEventListener("click", function () {
        var part = fragment(state);
        back.href = back.getAttribute("data-chapter") + "#" + (part || id);
      });
    }
  }

  E.embed = {attach: attach, snippet: snippet, embedUrl: embedUrl};
  // explorer-controls.js may have started the explorers before this file ran (deferred scripts
  // run in order once the page is parsed): attach to those now, to later ones through its hook
  Object.keys(E.explorers).forEach(function (id) { attach(E.explorers[id]); });
})();
