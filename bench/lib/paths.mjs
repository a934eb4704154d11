// Where bench/run works: this folder (lib), the repository, and build/bench/
// (its outputs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const work = path.join(repo, 'build/bench');
