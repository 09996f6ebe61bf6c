/* Alliances: animated figures (the simulation chapter's run; markup from
 * widgets/simulation_explorers.py, class "alliances-animation").
 * Pressing Pause, or moving the step slider while an animation plays, interrupts
 * Plotly.animate, whose promise is then rejected (with no reason) where no caller catches it:
 * browsers report an "uncaught (in promise) undefined" error although nothing went wrong.
 * This marks interruptions of these figures and silences only those rejections (Plotly itself
 * still logs a warning). */
(function () {
  "use strict";
  var interruptedAt = 0;

  function watch() {
    if (!window.Plotly) { window.setTimeout(watch, 50); return; }
    Array.prototype.forEach.call(document.querySelectorAll(".alliances-animation .js-plotly-plot"), function (gd) {
      if (gd.on) { gd.on("plotly_animationinterrupted", function () { interruptedAt = Date.now(); }); }
    });
  }

  window.addEventListener("unhandledrejection", function (event) {
    if (event.reason === undefined && Date.now() - interruptedAt < 2000) { event.preventDefault(); }
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", watch); }
  else { watch(); }
})();
