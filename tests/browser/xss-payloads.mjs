// The XSS corpus of tests/browser/xss.test.mjs (issue #13): payloads grown from
// the classic lists (OWASP's filter evasion cheat sheet, PortSwigger's XSS
// cheat sheet, mXSS and DOM-clobbering papers). Each one that could run calls
// __xss('ID') or alert('ID'), which the test traps; none may ever be called.
// Kinds: markup, event handlers, URLs (javascript:, data:, vbscript:, with
// case, whitespace, control-character and entity obfuscation), entity and
// Unicode tricks, highlight breakouts, attribute breakouts, templates, CSS,
// prototype names and huge strings.

const x = (id) => `__xss('${id}')`;

/** [id, payload] */
export const payloads = [
  // <script> and friends
  ['script', `<script>${x('script')}</script>`],
  ['script-src', '<SCRIPT SRC=//evil.invalid/x.js></SCRIPT>'],
  ['script-data', `<script src=data:,${x('script-data')}></script>`],
  ['script-nested', `<<script>${x('script-nested')};//<</script>`],
  ['script-close', `</script><script>${x('script-close')}</script>`],
  ['script-split', `<scr<script>ipt>${x('script-split')}</scr</script>ipt>`],
  ['script-svg', `<svg><script>${x('script-svg')}</script></svg>`],
  // event handlers
  ['img', `<img src=x onerror=${x('img')}>`],
  ['img-quoted', `<img src="x" onerror="${x('img-quoted')}">`],
  ['img-case', `<IMG SRC=x OnErRoR=${x('img-case')}>`],
  ['img-entities', '<img src=x onerror=&#95;&#95;xss(&#39;img-entities&#39;)>'],
  ['img-slashes', `<img/src/onerror=${x('img-slashes')}>`],
  ['svg-onload', `<svg onload=${x('svg-onload')}>`],
  ['svg-animate', `<svg><animate onbegin=${x('svg-animate')} attributeName=x dur=1s>`],
  ['body-onload', `<body onload=${x('body-onload')}>`],
  ['details', `<details open ontoggle=${x('details')}>`],
  ['autofocus', `<input autofocus onfocus=${x('autofocus')}>`],
  ['video', `<video><source onerror=${x('video')}></video>`],
  ['iframe-js', `<iframe src="javascript:${x('iframe-js')}"></iframe>`],
  ['iframe-srcdoc', `<iframe srcdoc="<script>parent.${x('iframe-srcdoc')}</script>"></iframe>`],
  ['object', `<object data="javascript:${x('object')}"></object>`],
  ['embed', `<embed src="data:text/html,<script>${x('embed')}</script>">`],
  ['mxss-math', `<math><mtext><table><mglyph><style><img src=x onerror=${x('mxss-math')}>`],
  ['mxss-noscript', `<noscript><p title="</noscript><img src=x onerror=${x('mxss-noscript')}>">`],
  ['anchor-js', `<a href="javascript:${x('anchor-js')}">click me</a>`],
  ['form-action', `<form action="javascript:${x('form-action')}"><button>go</button></form>`],
  ['base', '<base href="javascript:/">'],
  ['meta-refresh', `<meta http-equiv="refresh" content="0;url=javascript:${x('meta-refresh')}">`],
  ['clobber', '<form id="getElementById" name="forms"><input name="cookie" id="attributes"></form>'],
  // URLs
  ['js', `javascript:${x('js')}`],
  ['js-case', `JaVaScRiPt:${x('js-case')}`],
  ['js-space', ` javascript:${x('js-space')}`],
  ['js-tab', `\tjavascript:${x('js-tab')}`],
  ['js-control', `\u0001\u001fjavascript:${x('js-control')}`],
  ['js-inner-tab', `jav\tascript:${x('js-inner-tab')}`],
  ['js-inner-newline', `java\nscript:${x('js-inner-newline')}`],
  ['js-entity-tab', `jav&#x09;ascript:${x('js-entity-tab')}`],
  ['js-nul', `java\u0000script:${x('js-nul')}`],
  ['js-entity-j', `&#106;avascript:${x('js-entity-j')}`],
  ['js-colon-entity', `javascript&colon;${x('js-colon-entity')}`],
  ['js-percent', `%6A%61vascript:${x('js-percent')}`],
  ['js-nbsp', `\u00a0javascript:${x('js-nbsp')}`],
  ['js-comment', 'javascript://%0a__xss(\'js-comment\')'],
  ['data-html', `data:text/html,<script>${x('data-html')}</script>`],
  ['data-base64', 'data:text/html;base64,PHNjcmlwdD5fX3hzcygnZGF0YS1iYXNlNjQnKTwvc2NyaXB0Pg=='],
  ['data-svg', `DATA:image/svg+xml,<svg onload=${x('data-svg')}>`],
  ['vbscript', 'vbscript:msgbox("vbscript")'],
  ['vbscript-case', `VBScript:${x('vbscript-case')}`],
  ['blob', 'blob:http://127.0.0.1/0000-blob'],
  ['file', 'file:///etc/passwd'],
  ['protocol-relative', '//evil.invalid/protocol-relative'],
  ['url-query-breakout', `https://example.com/?q="><script>${x('url-query-breakout')}</script>`],
  ['url-attr-breakout', `https://example.com/" onmouseover="${x('url-attr-breakout')}`],
  // entities and Unicode
  ['entities', `&lt;script&gt;${x('entities')}&lt;/script&gt;`],
  ['entities-numeric', `&#60;img src=x onerror=${x('entities-numeric')}&#62;`],
  ['js-escapes', `\\u003cscript\\u003e${x('js-escapes')}\\u003c/script\\u003e`],
  ['full-width', `＜script＞${x('full-width')}＜/script＞`],
  ['rtl-override', `\u202e>tpircs/<)'rlt'(ssx__>tpircs<\u202c`],
  ['zero-width', `\u200b<script\u200b>${x('zero-width')}</script>`],
  ['astral', `𝓼𝓬𝓻𝓲𝓹𝓽 🏳️‍🌈 <img src=x onerror=${x('astral')}>`],
  ['combining', `<i\u0301mg src=x onerror=${x('combining')}>`],
  // highlight (<mark>) and structure breakouts
  ['mark-script', `</mark><script>${x('mark-script')}</script><mark>`],
  ['mark-img', `</mark><img src=x onerror=${x('mark-img')}><mark>`],
  ['mark-fake', '<mark>fake</mark> torture </mark>'],
  ['list-breakout', `</li></ul><img src=x onerror=${x('list-breakout')}>`],
  ['heading-breakout', `</h2><a href=javascript:${x('heading-breakout')}>x</a>`],
  ['shadow-breakout', `</template></osprey-search><img src=x onerror=${x('shadow-breakout')}>`],
  // attribute breakouts
  ['attr-double', `" onmouseover="${x('attr-double')}" x="`],
  ['attr-single', `' onfocus='${x('attr-single')}' autofocus x='`],
  ['attr-svg', `"><svg onload=${x('attr-svg')}>`],
  ['attr-img', `'><img src=x onerror=${x('attr-img')}>`],
  ['attr-backtick', `\`><img src=x onerror=${x('attr-backtick')}>`],
  // templates
  ['angular', `{{constructor.constructor('${x('angular')}')()}}`],
  ['template-literal', `\${${x('template-literal')}}`],
  ['erb', `<%= ${x('erb')} %>`],
  ['ssti', '{{7*7}} [[7*7]] #{7*7} ${7*7}'],
  // CSS
  ['style-element', '<style>*{display:none}</style>'],
  ['style-attr', `style="background:url(javascript:${x('style-attr')})"`],
  ['css-url', `color:red;background:url("javascript:${x('css-url')}")`],
  ['css-expression', `expression(${x('css-expression')})`],
  ['style-close', `</style><script>${x('style-close')}</script>`],
  ['css-import', '@import url(//evil.invalid/x.css);'],
  // names that clobber objects
  ['proto', '__proto__'],
  ['constructor', 'constructor'],
  ['to-string', 'toString'],
  // huge strings
  ['huge-word', `${'x'.repeat(30000)}<script>${x('huge-word')}</script>`],
  ['huge-tags', `<img src=x onerror=${x('huge-tags')}>`.repeat(500)],
];
