// The stylesheet of the facet checkboxes of <osprey-search>, adopted beside
// widget/styles.js's when widget/facet-list.js, which imports it, has come: a
// page without facets downloads neither. Its rules follow the main sheet's,
// whose narrow layout (@container) restyles .filters .facet. Exported as one
// template literal for scripts/bundle-web.mjs, which minifies it as CSS.

export const cssText = `
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
`;

let sheet = null;

/** The shared CSSStyleSheet of the facets (one per page). */
export function facetStyleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
  }
  return sheet;
}
