// The demo page's own bit: a footer note about where the engine runs, from the
// widget's osprey-ready event (the widget itself comes from osprey.js).
const note = document.getElementById('engine-note');

document.addEventListener('osprey-ready', (event) => {
  const { docCount, thread } = event.detail;
  const where = thread === 'worker' ? 'a Web Worker' : 'the page (workers are blocked)';
  note.textContent = `${new Intl.NumberFormat('en').format(docCount)} documents, searched in ${where}.`;
});
