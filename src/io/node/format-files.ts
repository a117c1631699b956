/**
 * Node-side access for the format readers of src/io/formats: a file as a random-access byte source
 * (Parquet reads its footer and then one row group at a time), whole files for the formats that are
 * read whole, and JSON Lines streamed in chunks. Every error names the file. The Parquet, Arrow and
 * Excel readers load on first use: the extension activates without parsing their libraries.
 */
import { open, stat } from 'node:fs/promises';
import type { FormatTable, FormatTableId } from '../data-file';
import { InputError } from '../errors';
import type { CellOptions, DataTable } from '../formats/data-table';
import { JsonLinesReader } from '../formats/json-lines';
import type { AsyncBuffer } from '../formats/parquet';
import { npzArrayNames, readNpz, type NpzArray } from '../formats/npz';
import { formatOrCsv } from '../formats/registry';
import type { ReadProgress } from './csv-file';
import type { AdviceLanguage } from '../../engine/advise/messages';
import { fileSystemError, readWholeFile, streamFile } from './read-file';

export type { FormatTable, FormatTableId } from '../data-file';

export interface TableReadOptions extends CellOptions, ReadProgress {
  /** Read only these columns (Parquet and Arrow read nothing else). */
  columns?: readonly string[];
  sheet?: string;
}

/** Runs `read` on the file as a random-access source, closed afterwards. */
export async function withFileSource<T>(
  file: string,
  read: (source: AsyncBuffer) => Promise<T>,
  progress: ReadProgress = {},
): Promise<T> {
  let handle;
  try {
    if ((await stat(file)).isDirectory()) throw new InputError('is a directory, not a file', file);
    handle = await open(file, 'r');
  } catch (error) {
    throw fileSystemError(error, file);
  }
  try {
    const { size } = await handle.stat();
    let read_ = 0;
    const source: AsyncBuffer = {
      byteLength: size,
      slice: async (start, end = size) => {
        progress.signal?.throwIfAborted();
        const buffer = new Uint8Array(Math.max(0, end - start));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
        read_ = Math.max(read_, end);
        progress.onProgress?.(Math.min(read_, size), size);
        return buffer.buffer.slice(0, bytesRead);
      },
    };
    return await read(source);
  } catch (error) {
    if (error instanceof InputError) throw error.inFile(file);
    throw fileSystemError(error, file);
  } finally {
    await handle.close();
  }
}

function located<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InputError) throw error.inFile(file);
    throw error;
  }
}

export async function readFormatTable(
  file: string,
  format: FormatTableId,
  options: TableReadOptions = {},
): Promise<FormatTable> {
  switch (format) {
    case 'parquet': {
      const { readParquetTable } = await import('../formats/parquet');
      const { table, source } = await withFileSource(
        file,
        (buffer) => readParquetTable(buffer, options),
        options,
      );
      return { format, table, source };
    }
    case 'arrow': {
      const { readArrow } = await import('../formats/arrow');
      const bytes = await readWholeFile(file);
      const { table, source } = located(file, () => readArrow(bytes, options));
      return { format, table: projected(table, options.columns, file), source };
    }
    case 'jsonl': {
      const reader = new JsonLinesReader({ ...options, file });
      await streamFile(file, (chunk) => {
        options.signal?.throwIfAborted();
        reader.push(chunk);
      });
      return { format, table: projected(reader.finish(), options.columns, file) };
    }
    case 'xlsx': {
      const { readXlsx } = await import('../formats/xlsx');
      const bytes = await readWholeFile(file);
      try {
        const { table, sheets } = await readXlsx(bytes, options);
        return { format, table: projected(table, options.columns, file), sheets };
      } catch (error) {
        if (error instanceof InputError) throw error.inFile(file);
        throw error;
      }
    }
  }
}

/** Only the columns asked for (formats read whole keep the others out of the statistics). */
function projected(table: DataTable, wanted: readonly string[] | undefined, file: string): DataTable {
  if (!wanted) return table;
  const columns = wanted.map((name) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column)
      throw new InputError(
        `--columns: '${name}' is not a column (columns: ${table.columns.map((c) => c.name).join(', ')})`,
        file,
      );
    return column;
  });
  return { ...table, columns };
}

export async function readNpzFile(
  file: string,
  array?: string,
  language?: AdviceLanguage,
): Promise<NpzArray & { bytes: Uint8Array }> {
  const bytes = await readWholeFile(file);
  return { ...located(file, () => readNpz(bytes, array, language)), bytes };
}

/** The parts a file holds one of at a time (a workbook's sheets, an archive's arrays), when it has several kinds. */
export async function fileParts(
  file: string,
): Promise<{ flag: 'sheet' | 'array'; names: string[] } | undefined> {
  const format = formatOrCsv(file).id;
  if (format !== 'xlsx' && format !== 'npz') return undefined;
  const bytes = await readWholeFile(file);
  try {
    if (format === 'npz') return { flag: 'array', names: npzArrayNames(bytes) };
    const { xlsxSheetNames } = await import('../formats/xlsx');
    return { flag: 'sheet', names: await xlsxSheetNames(bytes) };
  } catch (error) {
    if (error instanceof InputError) throw error.inFile(file);
    throw error;
  }
}
