// Compiles against web/node/indexer.d.ts (tests/node/node-api.test.mjs): a
// site generator's plugin, as its author would write it.
import { createIndex, type CustomRecord, type IndexFile } from '../../../web/node/indexer.js';

export async function build(pages: Array<{ url: string; title: string; text: string; tags: string[] }>) {
  const { errors, index } = await createIndex({ language: 'en', base_path: '/', split_above: 1 << 20 });
  if (!index) return errors;
  for (const p of pages) {
    const record: CustomRecord = { url: p.url, content: p.text, language: 'en', meta: { title: p.title },
                                   filters: { tag: p.tags }, sort: { title: p.title } };
    const added = await index.addCustomRecord(record);
    if (added.errors.length) return added.errors;
  }
  const { files, warnings = [] } = await index.getFiles();
  const sizes = files.map((f: IndexFile) => `${f.path}: ${f.content.byteLength}`);
  const written = await index.writeFiles({ outputPath: 'public/osprey' });
  const other = (await createIndex({ schema: { id: 'url', fields: [{ name: 'url', stored: true }] } })).index;
  await other?.addRecords([{ url: '/a/' }]);
  await other?.addHTMLFile({ url: '/a/', content: '<p>a</p>' });
  return [...sizes, ...warnings, written.outputPath ?? ''];
}
