/* Alliances self-check quizzes (markup: widgets/quiz_view.py). Checks a chosen answer against
 * the one the page was built with and shows that option's feedback. Text goes in with
 * textContent only; nothing is stored or sent anywhere. */
(function () {
  "use strict";

  function start(quiz) {
    if (quiz.getAttribute("data-ready")) { return; }
    quiz.setAttribute("data-ready", "1");
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".aq-question"));
    var score = quiz.querySelector(".aq-score");
    var results = {}; // question id -> right at the first try (later tries do not count)

    // the same sentence as quiz_view.score_text
    function tally() {
      var answered = Object.keys(results).length;
      var right = Object.keys(results).filter(function (k) { return results[k]; }).length;
      var total = questions.length;
      score.textContent = answered ? "First tries: " + right + " of " + total + " right (" + answered + " of " + total +
        " checked)." : "";
    }

    questions.forEach(function (fieldset) {
      var answer = parseInt(fieldset.getAttribute("data-answer"), 10);
      var feedbacks = JSON.parse(fieldset.querySelector("script.aq-data").textContent);
      var out = fieldset.querySelector(".aq-feedback");
      var actions = fieldset.querySelector(".aq-actions");
      actions.hidden = false;
      // the radios ship disabled (without JavaScript they could not be checked); enable them
      Array.prototype.forEach.call(fieldset.querySelectorAll("input[type=radio]"), function (radio) { radio.disabled = false; });
      actions.querySelector(".aq-check").addEventListener("click", function () {
        var chosen = fieldset.querySelector("input[type=radio]:checked");
        fieldset.classList.remove("aq-right", "aq-wrong");
        if (!chosen) { out.textContent = "Choose an answer first."; return; }
        var k = parseInt(chosen.value, 10);
        var right = k === answer;
        out.textContent = (right ? "Correct. " : "Not quite. ") + feedbacks[k];
        fieldset.classList.add(right ? "aq-right" : "aq-wrong");
        if (!Object.prototype.hasOwnProperty.call(results, fieldset.id)) { results[fieldset.id] = right; }
        tally();
      });
      fieldset.addEventListener("change", function () { out.textContent = ""; fieldset.classList.remove("aq-right", "aq-wrong"); });
    });
  }

  function startAll() { Array.prototype.forEach.call(document.querySelectorAll(".alliances-quiz"), start); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", startAll); }
  else { startAll(); }
})();
