/**
 * JSON Lines / NDJSON, streamed by line: one flat object per line (blank lines skipped). Nested objects
 * become dotted names ({"a": {"b": 1}} → column "a.b"); arrays stay one text cell (their JSON). Keys
 * that come and go across lines make the union of columns, missing where a line lacks them; columns are
 * in the order their keys first appear.
 */
import { InputError } from '../errors';
import { ColumnBuilder, type CellOptions, type DataTable } from './data-table';

/** What a JSON Lines reader hands each column's cells to: a builder (the table), or a pass's sink. */
export interface JsonLinesColumn {
  add(value: unknown): void;
  addMissing(): void;
}

/**
 * Lines parsed into columns made by `makeColumn(name, rowsBefore)` (`rowsBefore`: the lines before the
 * column first appeared, which it counts as missing). `seed` lists columns known before the first line
 * (a later pass over the same file), in order.
 */
export class JsonLinesRecords<C extends JsonLinesColumn> {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  protected readonly builders = new Map<string, C>();
  private pending = '';
  private line = 0;
  protected rows = 0;

  constructor(
    protected readonly options: CellOptions & { file?: string },
    private readonly makeColumn: (name: string, rowsBefore: number) => C,
    seed: readonly string[] = [],
  ) {
    for (const name of seed) this.builders.set(name, makeColumn(name, 0));
  }

  /** The next bytes of the file. */
  push(chunk: Uint8Array): void {
    let text: string;
    try {
      text = this.pending + this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new InputError('not UTF-8 text', this.options.file, this.line + 1);
    }
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.acceptLine(text.slice(start, end));
      start = end + 1;
    }
    this.pending = text.slice(start);
  }

  /** The last line (without a line break), then the columns in order of first appearance and the row count. */
  end(): { columns: Map<string, C>; rows: number } {
    this.push(new Uint8Array(0));
    if (this.pending.length > 0) this.acceptLine(this.pending);
    this.pending = '';
    return { columns: this.builders, rows: this.rows };
  }

  private acceptLine(raw: string): void {
    this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec(String(error))?.[1];
      const detail =
        error instanceof Error ? error.message.replace(/ in JSON at position \d+.*$/, '') : 'invalid JSON';
      throw new InputError(
        `not valid JSON: ${detail}`,
        this.options.file,
        this.line,
        position === undefined ? undefined : Number(position) + 1,
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new InputError(
        `a JSON Lines record is an object, this line holds ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
        this.options.file,
        this.line,
        1,
      );
    const cells: [string, unknown][] = [];
    flatten(value as Record<string, unknown>, '', cells);
    // JavaScript objects list integer-like keys ("0", "12") first; the file's order is read from the text.
    if (INTEGER_KEY.test(text)) {
      const order = new Map(memberPaths(text).map((path, k) => [path, k]));
      cells.sort((a, b) => (order.get(a[0]) ?? Infinity) - (order.get(b[0]) ?? Infinity));
    }
    const seen = new Set<string>();
    for (const [name, cell] of cells) {
      if (seen.has(name)) continue; // {"a.b": 1, "a": {"b": 2}}: the first one wins
      seen.add(name);
      let builder = this.builders.get(name);
      if (!builder) {
        builder = this.makeColumn(name, this.rows);
        this.builders.set(name, builder);
      }
      builder.add(cell);
    }
    for (const [name, builder] of this.builders) if (!seen.has(name)) builder.addMissing();
    this.rows++;
  }
}

/** Refuses a file of no lines, or of lines without keys. */
export function checkHasKeys(columns: number, rows: number, file?: string): void {
  if (columns === 0)
    throw new InputError(rows === 0 ? 'empty file (no JSON lines)' : 'no keys in any line', file);
}

/** The whole table: every column built in memory. */
export class JsonLinesReader extends JsonLinesRecords<ColumnBuilder> {
  constructor(options: CellOptions & { file?: string } = {}) {
    super(options, (name, rowsBefore) => new ColumnBuilder(name, options, 0, rowsBefore));
  }

  /** The table of every line pushed. */
  finish(): DataTable {
    const { columns, rows } = this.end();
    checkHasKeys(columns.size, rows, this.options.file);
    return { columns: [...columns.values()].map((b) => b.finish()), rowCount: rows, notes: [] };
  }
}

const INTEGER_KEY = /"(?:0|[1-9]\d*)"\s*:/;

/** An object's leaves as [dotted name, value]: nested objects flattened, arrays kept as values. */
function flatten(object: Record<string, unknown>, prefix: string, out: [string, unknown][]): void {
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      flatten(value as Record<string, unknown>, `${prefix}${key}.`, out);
    else out.push([prefix + key, value]);
  }
}

/** The dotted names of a JSON object's leaves in the order the text has them (the text parsed before). */
function memberPaths(text: string): string[] {
  const paths: string[] = [];
  /** Per open container: the prefix of an object whose members are flattened, or null (arrays, inside arrays). */
  const stack: (string | null)[] = [];
  let expectKey = false;
  let key: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === ':') continue;
    const top = stack.length > 0 ? stack[stack.length - 1] : null;
    if (key !== null && top !== null) {
      if (c === '{') {
        stack.push(`${top}${key}.`);
        key = null;
        expectKey = true;
        continue;
      }
      paths.push(top + key);
      key = null;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (expectKey && top !== null) {
        key = JSON.parse(text.slice(i, j + 1)) as string;
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push(stack.length === 0 ? '' : null);
      expectKey = stack.length === 1;
    } else if (c === '[') {
      stack.push(null);
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      expectKey = top !== null;
    }
  }
  return paths;
}

/** A whole JSON Lines file from its bytes. */
export function readJsonLines(bytes: Uint8Array, options: CellOptions & { file?: string } = {}): DataTable {
  const reader = new JsonLinesReader(options);
  reader.push(bytes);
  return reader.finish();
}

/** JSON Lines text of a table's rows: numbers as numbers (NaN as null), text as strings. */
export function* jsonLinesOf(
  names: readonly string[],
  rowCount: number,
  cell: (row: number, column: number) => number | string | null,
): Generator<string> {
  for (let i = 0; i < rowCount; i++) {
    const object: Record<string, number | string | null> = {};
    names.forEach((name, j) => {
      const value = cell(i, j);
      object[name] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
    });
    yield `${JSON.stringify(object)}\n`;
  }
}
