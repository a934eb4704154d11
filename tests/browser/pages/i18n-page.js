// Test page of the widget's languages: i18n.html#page-lang=ar&page-dir=rtl&index=...
// page-lang and page-dir go on <html> (none when absent), every other
// parameter is an attribute of the <osprey-search> built here.
(function () {
  'use strict';
  var params = new URLSearchParams(location.hash.slice(1));
  var html = document.documentElement;
  if (params.has('page-lang')) html.setAttribute('lang', params.get('page-lang'));
  if (params.has('page-dir')) html.setAttribute('dir', params.get('page-dir'));
  document.addEventListener('DOMContentLoaded', function () {
    var element = document.createElement('osprey-search');
    params.forEach(function (value, name) {
      if (name !== 'page-lang' && name !== 'page-dir') element.setAttribute(name, value);
    });
    document.getElementById('slot').appendChild(element);
  });
})();
