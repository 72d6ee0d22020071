// Every form reports all its errors at once in a summary at the top: focus it so that it is read
// first. Without this script the summary is still the first thing on the page.
(function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
})();
