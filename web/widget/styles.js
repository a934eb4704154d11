// The stylesheet of <osprey-search>, adopted into its shadow root as a
// constructable stylesheet: no <style> element and no style attributes, so a
// page with a strict style-src ('self') needs nothing more. Theming goes
// through --osprey-* custom properties on the element or any ancestor (they
// inherit into the shadow root); dark values follow prefers-color-scheme unless
// the element says theme="light" or theme="dark".

const light = `
  --_accent: var(--osprey-accent, #0b57d0);
  --_on-accent: var(--osprey-on-accent, #ffffff);
  --_text: var(--osprey-text, #1b1b1f);
  --_muted: var(--osprey-muted, #595b64);
  --_background: var(--osprey-background, #ffffff);
  --_surface: var(--osprey-surface, #f3f4f7);
  --_border: var(--osprey-border, #d6d8df);
  --_mark: var(--osprey-mark, #fff0a8);
  --_mark-text: var(--osprey-mark-text, inherit);
  --_error: var(--osprey-error, #b3261e);
  --_shadow: var(--osprey-shadow, 0 10px 30px -8px rgb(20 24 40 / 0.25));
`;

const dark = `
  --_accent: var(--osprey-dark-accent, #a8c7fa);
  --_on-accent: var(--osprey-dark-on-accent, #0b1d3a);
  --_text: var(--osprey-dark-text, #e6e6ea);
  --_muted: var(--osprey-dark-muted, #a9abb4);
  --_background: var(--osprey-dark-background, #141418);
  --_surface: var(--osprey-dark-surface, #1f2026);
  --_border: var(--osprey-dark-border, #3a3c45);
  --_mark: var(--osprey-dark-mark, #5b4a00);
  --_mark-text: var(--osprey-dark-mark-text, #fff6cc);
  --_error: var(--osprey-dark-error, #f2b8b5);
  --_shadow: var(--osprey-dark-shadow, 0 10px 30px -8px rgb(0 0 0 / 0.7));
`;

// The sheet's text; exported for scripts/bundle-web.mjs, which puts it in
// web/dist/osprey.js minified (esbuild's CSS minifier: no comments, no
// indentation). A page's image (.thumb, widget/hit-extras.js) floats at the end of the
// result's lines in a fixed box (--osprey-image-width/-height), so loading it
// moves nothing; it is removed if it fails. Its chips follow the excerpt.
export const cssText = `
:host {
  display: block;
  container: osprey / inline-size;
}
:host([hidden]) { display: none; }
/* Everything is set on the inner root, which no page selector can reach: a
   page's rules on the element itself (even !important) stop at the host. */
.osprey {
  ${light}
  --_radius: var(--osprey-radius, 0.65rem);
  --_iw: var(--osprey-image-width, 6rem);
  --_ih: var(--osprey-image-height, 4.5rem);
  /* The page's font; a reset of what a page may set on an ancestor. */
  font-family: var(--osprey-font, inherit);
  font-size: var(--osprey-font-size, inherit);
  font-style: normal;
  font-weight: normal;
  line-height: 1.55;
  letter-spacing: normal;
  word-spacing: normal;
  text-align: start;
  text-indent: 0;
  text-transform: none;
  text-shadow: none;
  white-space: normal;
  visibility: visible;
  color: var(--_text);
  color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) .osprey { ${dark} color-scheme: dark; }
}
:host([theme="dark"]) .osprey { ${dark} color-scheme: dark; }

*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.sr-only {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
button, input, select { font: inherit; color: inherit; letter-spacing: inherit; }
a { color: var(--_accent); }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }

/* The box. */
.label { display: block; font-weight: 600; margin: 0 0 0.4rem; }
.label.hidden-label {
  position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%);
}
.field { position: relative; }
.icon {
  position: absolute; inset-inline-start: 0.9rem; top: 50%; width: 1.25rem; height: 1.25rem;
  transform: translateY(-50%); pointer-events: none;
  fill: none; stroke: var(--_muted); stroke-width: 2.2; stroke-linecap: round;
}
.input {
  display: block; width: 100%; margin: 0;
  padding-block: 0.75rem; padding-inline: 2.85rem 3rem;
  font-size: 1.06em; line-height: 1.4;
  color: var(--_text); background: var(--_background);
  border: 1.5px solid var(--_border); border-radius: var(--_radius);
  box-shadow: 0 1px 2px rgb(0 0 0 / 0.04);
  transition: border-color 0.15s, box-shadow 0.15s;
  -webkit-appearance: none; appearance: none;
}
.input::placeholder { color: var(--_muted); opacity: 1; }
.input:hover { border-color: color-mix(in srgb, var(--_accent) 45%, var(--_border)); }
.input:focus { outline: none; }
.input:focus-visible, .input:focus {
  border-color: var(--_accent);
  box-shadow: 0 0 0 3px color-mix(in srgb, var(--_accent) 30%, transparent);
}
.input::-webkit-search-cancel-button { cursor: pointer; }
.hint {
  position: absolute; inset-inline-end: 0.8rem; top: 50%; transform: translateY(-50%);
  min-width: 1.6rem; padding: 0.05rem 0.4rem; text-align: center;
  font: 600 0.8em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  color: var(--_muted); border: 1px solid var(--_border); border-radius: 0.35rem;
  background: var(--_surface); pointer-events: none;
}
.input:focus ~ .hint, .input:not(:placeholder-shown) ~ .hint { display: none; }

/* Suggestions (the combobox's listbox), in the flow: it covers nothing below (combobox.js). */
.listbox {
  margin: 0.35rem 0 0; padding: 0.35rem; list-style: none;
  max-height: 18rem; overflow-y: auto;
  background: var(--_background); border: 1px solid var(--_border);
  border-radius: var(--_radius); box-shadow: var(--_shadow);
}
.option {
  display: flex; align-items: baseline; justify-content: space-between; gap: 1rem;
  padding: 0.45rem 0.75rem; border-radius: calc(var(--_radius) - 0.25rem);
  cursor: pointer; overflow-wrap: anywhere;
}
.option .completed { font-weight: 700; }
.option .docs { color: var(--_muted); font-size: 0.85em; font-variant-numeric: tabular-nums; }
.option:hover { background: var(--_surface); }
.option[aria-selected="true"] {
  background: color-mix(in srgb, var(--_accent) 16%, var(--_background));
  outline: 2px solid var(--_accent); outline-offset: -2px;
}

/* Status line and tools. */
.bar {
  display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between;
  gap: 0.5rem 1rem; margin: 1rem 0 0.75rem;
}
.status { margin: 0; color: var(--_muted); min-height: 1.55em; overflow-wrap: anywhere; }
.status strong { color: var(--_text); font-weight: 600; }
.tools { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-inline-start: auto; }
.sort { display: flex; align-items: center; gap: 0.45rem; color: var(--_muted); font-size: 0.92em; }
.sort select, .button {
  padding: 0.4rem 0.75rem; border: 1px solid var(--_border); border-radius: calc(var(--_radius) - 0.2rem);
  background: var(--_background); color: var(--_text); cursor: pointer;
}
.sort select:hover, .button:hover { border-color: var(--_accent); }
.button { font-weight: 600; }
.filters-toggle { display: none; }
.error {
  margin: 1rem 0; padding: 0.85rem 1rem; border-radius: var(--_radius);
  color: var(--_error); font-weight: 600;
  background: color-mix(in srgb, var(--_error) 9%, var(--_background));
  border: 1px solid color-mix(in srgb, var(--_error) 40%, transparent);
  overflow-wrap: anywhere;
}
.error .button { margin-inline-start: 0.75rem; color: var(--_text); font-weight: 500; }
.suggest { margin: -0.25rem 0 0.75rem; }
.suggest a { font-weight: 600; }
.empty { padding: 1.5rem 0; }
.empty .status { color: var(--_text); font-weight: 600; }
.empty p { margin: 0 0 0.4rem; color: var(--_muted); }

/* Filters beside the results. */
.body { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem 2.25rem; }
.body.with-filters { grid-template-columns: 12.5rem minmax(0, 1fr); }
.filters { min-width: 0; }
.facet { border: 0; margin: 0 0 1.25rem; padding: 0; min-width: 0; }
.facet legend {
  padding: 0; margin-bottom: 0.4rem; font-size: 0.78em; font-weight: 700;
  letter-spacing: 0.06em; text-transform: uppercase; color: var(--_muted);
}
.facet ul { list-style: none; margin: 0; padding: 0; max-height: 17rem; overflow-y: auto; }
.facet label {
  display: flex; align-items: center; gap: 0.55rem; padding: 0.28rem 0.4rem;
  margin: 0 -0.4rem; border-radius: 0.4rem; cursor: pointer;
}
.facet label:hover { background: var(--_surface); }
.facet input { margin: 0; width: 1.05rem; height: 1.05rem; accent-color: var(--_accent); flex: none; }
.facet .value { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.facet .count {
  flex: none; min-width: 1.9rem; padding: 0 0.45rem; border-radius: 999px; text-align: center;
  font-size: 0.8em; line-height: 1.6; font-variant-numeric: tabular-nums;
  color: var(--_muted); background: var(--_surface);
}
.facet input:checked ~ .value { font-weight: 600; }
.facet input:checked ~ .count { color: var(--_on-accent); background: var(--_accent); }
.facet .zero { color: var(--_muted); }
.clear { padding: 0; border: 0; background: none; color: var(--_accent); cursor: pointer; text-decoration: underline; }

/* Results, in the seed's layout. */
.hits { list-style: none; margin: 0; padding: 0; }
.hit { padding: 1.05rem 0 1.15rem; border-top: 1px solid var(--_border); }
.hit:first-child { border-top: 0; padding-top: 0.2rem; }
.meta {
  margin: 0; font-size: 0.78em; font-weight: 600; letter-spacing: 0.06em;
  text-transform: uppercase; color: var(--_muted);
}
.title { margin: 0.2rem 0 0.35rem; font-size: 1.17em; font-weight: 650; line-height: 1.35; overflow-wrap: anywhere; }
.title a { color: var(--_accent); text-decoration: none; }
.title a:hover { text-decoration: underline; text-underline-offset: 0.15em; }
.title .inert { color: var(--_text); }
.excerpt { margin: 0; overflow-wrap: anywhere; }
.partial-note {
  display: flex; align-items: center; gap: 0.75rem; padding: 1rem 0 0.35rem;
  font-size: 0.8em; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: var(--_muted);
}
.partial-note::after { content: ""; flex: 1; border-top: 1px dashed var(--_border); }
.partial-note + .hit { border-top: 0; padding-top: 0.2rem; }
mark {
  background: var(--_mark); color: var(--_mark-text);
  border-radius: 0.2em; padding: 0 0.12em; margin: 0 -0.12em;
  box-decoration-break: clone; -webkit-box-decoration-break: clone;
}
.title mark { color: inherit; }
/* Text that comes from documents or from the reader takes its own direction
   (an English title in a right-to-left widget keeps its punctuation in place),
   aligned as the widget is. */
.input, .option, .title, .excerpt, .sub-link, .facet .value { unicode-bidi: plaintext; }
/* The status line too: a sentence in English on a right-to-left page reads left
   to right (its query is a <bdi>, which does not count). */
.status { unicode-bidi: plaintext; }
.title, .excerpt { text-align: match-parent; }
/* Further hits of a page (a bundle's sections), under the page's result. */
.subs {
  list-style: none; margin: 0.55rem 0 0; padding: 0; padding-inline-start: 0.9rem;
  border-inline-start: 2px solid var(--_border);
}
.sub + .sub { margin-top: 0.45rem; }
.sub-link { color: var(--_accent); font-weight: 600; text-decoration: none; overflow-wrap: anywhere; }
.sub-link:hover { text-decoration: underline; text-underline-offset: 0.15em; }
.sub-link.inert { color: var(--_text); }
.sub-link mark { color: inherit; }
.sub .excerpt { font-size: 0.94em; }
.with-image { display: flow-root; }
.thumb {
  float: inline-end; width: var(--_iw); height: var(--_ih); margin: 0.25rem 0 0.5rem;
  margin-inline-start: 1rem; object-fit: cover; border-radius: 0.4rem; background: var(--_surface);
}
.chips { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; margin: 0.5rem 0 0; padding: 0; }
.chip { padding: 0 0.55rem; border-radius: 1rem; border: 1px solid var(--_border); font-size: 0.8em; }
.chip-key { color: var(--_muted); }
.crumb { font-weight: 500; }
.more-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem 1rem; margin-top: 0.75rem; }
.more-row .shown { color: var(--_muted); font-size: 0.9em; }
.busy .hits { opacity: 0.6; transition: opacity 0.2s 0.15s; }

@container osprey (max-width: 44rem) {
  .body.with-filters { grid-template-columns: minmax(0, 1fr); }
  .filters-toggle { display: inline-flex; }
  .filters:not(.open) { display: none; }
  .filters {
    display: flex; flex-wrap: wrap; gap: 0 1.5rem; padding: 0.9rem 1rem 0;
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
  }
  .filters .facet { flex: 1 1 10rem; }
  .filters .facet .count { background: var(--_background); }
  .filters .clear-row { flex-basis: 100%; margin-bottom: 0.9rem; }
  .hint { display: none; }
}
@container osprey (max-width: 26rem) {
  .tools { margin-inline-start: 0; width: 100%; justify-content: space-between; }
  .title { font-size: 1.08em; }
  .thumb { width: calc(var(--_iw) * 0.75); height: calc(var(--_ih) * 0.75); }
  .more-row .button { width: 100%; }
}
@media (prefers-reduced-motion: reduce) {
  * { transition: none !important; }
}
`;

let sheet = null;

/** The shared CSSStyleSheet (one per page, adopted by every widget). */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
  }
  return sheet;
}
