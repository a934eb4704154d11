// Types of the Node indexing API, `osprey-search/indexer` (web/node/indexer.js;
// docs/node-api.md). Every call resolves, never rejects: failures are in `errors`.

/** osprey.json's settings for an index of records (docs/config.md), and where the web files are. */
export interface IndexConfig {
  /** The schema (docs/config.md "schema"); default: the news schema. Not with addCustomRecord. */
  schema?: {
    id: string;
    language?: string;
    fields: Array<{
      name: string;
      source?: string;
      transform?: 'none' | 'year';
      weight?: number;
      stored?: boolean;
      facet?: boolean;
      sortable?: boolean;
      boost?: boolean;
      group?: boolean;
    }>;
  };
  /** The language of the text, 2 to 8 letters a-z; default "en" (custom records: the bundle's default language). */
  language?: string;
  /** Prefix of page URLs: the manifest's site_root. HTML files: default "/". */
  base_path?: string;
  /** An index whose single file would be bigger is sharded into a base and parts; default 1 MiB. */
  split_above?: number;
  /** The folder of web files a bundle copies; default: the package's web/. */
  assets?: string;
}

export interface NewIndexResponse {
  errors: string[];
  /** null when the config has errors. */
  index: OspreyIndex | null;
}

/** Pagefind's custom record; docs/node-api.md says what Osprey field each part becomes. */
export interface CustomRecord {
  url: string;
  content: string;
  /** The record's index in the bundle: one per language; default the config's language, else "en". */
  language?: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
  sort?: Record<string, string>;
}

export interface HTMLFile {
  /** The page's URL from the site's root, like "/about/" (stored as about/index.html). */
  url?: string;
  /** The page's path in the site, like "about/index.html"; wins over url. */
  sourcePath?: string;
  content: string;
}

export interface IndexFile {
  /** Relative to the output folder, '/' separators. */
  path: string;
  content: Uint8Array;
}

export interface GetFilesResponse {
  errors: string[];
  files: IndexFile[];
  /** Records skipped or values ignored: "record N: message" (N counts added records from 1). */
  warnings?: string[];
  documents?: number;
}

export interface OspreyIndex {
  /** Osprey records: objects whose keys are the schema's sources. One kind of input per index. */
  addRecords(records: object[]): Promise<{ errors: string[]; count?: number }>;
  addCustomRecord(record: CustomRecord): Promise<{ errors: string[]; file?: { url: string; meta: Record<string, string> } }>;
  /** Needs the osprey binary (@osprey-search/linux-x64, or $OSPREY_BINARY); else an error says so. */
  addHTMLFile(file: HTMLFile): Promise<{ errors: string[]; file?: { url: string } }>;
  getFiles(): Promise<GetFilesResponse>;
  writeFiles(options: { outputPath: string }): Promise<{ errors: string[]; outputPath: string | null; warnings?: string[] }>;
  deleteIndex(): Promise<{ errors: string[] }>;
}

export function createIndex(config?: IndexConfig): Promise<NewIndexResponse>;
