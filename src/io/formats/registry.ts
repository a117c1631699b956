/**
 * The one table of data formats NormScope opens: extensions, magic bytes and what a file of the format
 * holds (a table of named columns, an n-d array, or an image). Everything that asks "which format is
 * this file?" — readers, writers, the CLI's usage lines, the explorer menu's `when` clauses and the file
 * pickers — reads this table; adding an id to FORMAT_IDS fails to compile until every exhaustive switch
 * over it handles the new entry.
 */
export const FORMAT_IDS = ['csv', 'npy', 'npz', 'parquet', 'arrow', 'jsonl', 'xlsx', 'image'] as const;

export type FormatId = (typeof FORMAT_IDS)[number];

/** What a file of the format holds. */
export type FormatShape = 'table' | 'array' | 'image';

export interface FormatInfo {
  id: FormatId;
  /** A short name for messages and pickers. */
  label: string;
  /** Lower-case extensions without the dot; the first is the one outputs get. */
  extensions: readonly string[];
  /** Bytes every file of the format starts with (none for text formats). */
  magic: readonly (readonly number[])[];
  shape: FormatShape;
}

/** The formats DuckDB's own readers take (`--engine duckdb` and Fit with DuckDB: files, globs, folders). */
export const DUCKDB_FORMATS: readonly FormatId[] = ['csv', 'parquet', 'jsonl'];

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

export const FORMATS: { readonly [Id in FormatId]: FormatInfo & { id: Id } } = {
  csv: { id: 'csv', label: 'CSV/TSV', extensions: ['csv', 'tsv'], magic: [], shape: 'table' },
  npy: {
    id: 'npy',
    label: 'NumPy .npy',
    extensions: ['npy'],
    magic: [[0x93, ...ascii('NUMPY')]],
    shape: 'array',
  },
  npz: {
    id: 'npz',
    label: 'NumPy .npz',
    extensions: ['npz'],
    magic: [ascii('PK\x03\x04'), ascii('PK\x05\x06')],
    shape: 'array',
  },
  parquet: {
    id: 'parquet',
    label: 'Parquet',
    extensions: ['parquet', 'pq'],
    magic: [ascii('PAR1')],
    shape: 'table',
  },
  arrow: {
    id: 'arrow',
    label: 'Arrow IPC / Feather v2',
    extensions: ['arrow', 'feather', 'ipc', 'arrows'],
    magic: [ascii('ARROW1'), [0xff, 0xff, 0xff, 0xff]],
    shape: 'table',
  },
  jsonl: { id: 'jsonl', label: 'JSON Lines', extensions: ['jsonl', 'ndjson'], magic: [], shape: 'table' },
  xlsx: {
    id: 'xlsx',
    label: 'Excel .xlsx',
    extensions: ['xlsx'],
    magic: [ascii('PK\x03\x04')],
    shape: 'table',
  },
  image: {
    id: 'image',
    label: 'Image (PNG, JPEG, WebP)',
    extensions: ['png', 'jpg', 'jpeg', 'webp'],
    magic: [[0x89, ...ascii('PNG')], [0xff, 0xd8, 0xff], ascii('RIFF')],
    shape: 'image',
  },
};

export const FORMAT_LIST: readonly FormatInfo[] = FORMAT_IDS.map((id) => FORMATS[id]);

/** The extension of a path or file name, lower case, without the dot ('' when none). */
export function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The format a path's extension names; undefined for an extension no format has. */
export function formatOfPath(path: string): FormatInfo | undefined {
  const extension = extensionOf(path);
  return FORMAT_LIST.find((format) => format.extensions.includes(extension));
}

/** The format a path names, CSV for unknown extensions (the sniffer decides the dialect). */
export function formatOrCsv(path: string): FormatInfo {
  return formatOfPath(path) ?? FORMATS.csv;
}

/** Whether `bytes` start with one of the format's magic numbers (true for formats that have none). */
export function hasMagic(format: FormatInfo, bytes: Uint8Array): boolean {
  if (format.magic.length === 0) return true;
  return format.magic.some((magic) => magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b));
}

/** Every extension of the formats of the given shapes, for `when` clauses and file pickers. */
export function extensionsOf(shapes: readonly FormatShape[] = ['table', 'array', 'image']): string[] {
  return FORMAT_LIST.filter((format) => shapes.includes(format.shape)).flatMap((format) => format.extensions);
}

/** The explorer menu's `when` clause: a resource whose extension any format has. */
export function explorerWhenClause(shapes?: readonly FormatShape[]): string {
  return `resourceExtname =~ /^\\.(${extensionsOf(shapes).join('|')})$/i`;
}

/** "file.csv|file.parquet|…" for usage lines. */
export function usageNames(shapes: readonly FormatShape[]): string {
  return FORMAT_LIST.filter((format) => shapes.includes(format.shape))
    .map((format) => `file.${format.extensions[0]}`)
    .join('|');
}
