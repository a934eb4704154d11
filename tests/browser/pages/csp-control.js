// Does what the widget must never do: an inline style and a <style> element,
// which a strict style-src blocks and reports.
(function () {
  'use strict';
  var box = document.getElementById('slot');
  box.setAttribute('style', 'color: red');
  var style = document.createElement('style');
  style.textContent = 'h1 { color: red; }';
  document.head.appendChild(style);
})();
