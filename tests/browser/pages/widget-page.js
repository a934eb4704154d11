// Test pages: builds the page's <osprey-search> from the URL fragment, so one
// page serves every configuration: widget.html#index=../index/news.osp&limit=4&browse=
(function () {
  'use strict';
  var params = new URLSearchParams(location.hash.slice(1));
  var element = document.createElement('osprey-search');
  params.forEach(function (value, name) {
    element.setAttribute(name, value);
  });
  document.getElementById('slot').appendChild(element);
})();
