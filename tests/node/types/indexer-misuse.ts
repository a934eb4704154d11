// Must NOT compile against web/node/indexer.d.ts: each line below is an error
// that tests/node/node-api.test.mjs expects tsc to report.
import { createIndex } from '../../../web/node/indexer.js';

export async function misuse() {
  const { index } = await createIndex({ site: 'public' });         // not a key of the config
  await index!.addCustomRecord({ url: '/a/' });                     // content is required
  await index!.addCustomRecord({ url: '/a/', content: 'x', filters: { tag: 'x' } }); // filters are lists
  await index!.writeFiles({ output: 'x' });                         // outputPath
  (await index!.getFiles()).files[0].content.toUpperCase();         // content is bytes
}
