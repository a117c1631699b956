/**
 * A walk over the page headers of a row group's column chunks before hyparquet decodes them. A page
 * header whose fields were damaged (the footer intact) can send the decoder into a loop that never
 * ends — a missing level length leaves its read offset NaN — so each header must hold the fields its
 * page type requires, every page must end inside its chunk, and the data pages' values must add up to
 * the chunk's count in the footer. Only the headers are read, a small window at a time.
 */
import type { AsyncBuffer, ColumnChunk, PageHeader, RowGroup } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { InputError } from '../errors';

/** Bytes read for a header first; a header with large statistics gets a wider window. */
const FIRST_WINDOW = 1024;

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** What is wrong with the header, or undefined when its page can be decoded. */
function headerFault(header: PageHeader, room: number): string | undefined {
  if (header.type === undefined) return 'no page type';
  if (!isCount(header.compressed_page_size) || !isCount(header.uncompressed_page_size))
    return 'no page sizes';
  if (header.compressed_page_size > room)
    return `a page of ${header.compressed_page_size} bytes where ${room} are left in the column chunk`;
  switch (header.type) {
    case 'DATA_PAGE':
      return isCount(header.data_page_header?.num_values) && header.data_page_header.encoding
        ? undefined
        : 'a data page header without its value count or encoding';
    case 'DATA_PAGE_V2': {
      const v2 = header.data_page_header_v2;
      const complete =
        v2 !== undefined &&
        isCount(v2.num_values) &&
        isCount(v2.num_nulls) &&
        isCount(v2.num_rows) &&
        v2.encoding !== undefined &&
        isCount(v2.definition_levels_byte_length) &&
        isCount(v2.repetition_levels_byte_length);
      if (!complete) return 'a data page (v2) header without its counts, encoding or level lengths';
      if (v2.definition_levels_byte_length + v2.repetition_levels_byte_length > header.compressed_page_size)
        return 'level lengths longer than their page';
      return undefined;
    }
    case 'DICTIONARY_PAGE':
      return isCount(header.dictionary_page_header?.num_values)
        ? undefined
        : 'a dictionary page header without its value count';
    default:
      return undefined;
  }
}

function valuesOf(header: PageHeader): number {
  return header.data_page_header?.num_values ?? header.data_page_header_v2?.num_values ?? 0;
}

async function readHeader(
  source: AsyncBuffer,
  at: number,
  end: number,
): Promise<{ header: PageHeader; length: number }> {
  for (let window = FIRST_WINDOW; ; window *= 8) {
    const bytes = await source.slice(at, Math.min(end, at + window));
    const reader = { view: new DataView(bytes), offset: 0 };
    try {
      return { header: parquetHeader(reader), length: reader.offset };
    } catch (error) {
      // A header cut off by the window is read again in a wider one; one cut off by the chunk is damaged.
      if (at + window < end) continue;
      throw error;
    }
  }
}

async function checkChunk(
  source: AsyncBuffer,
  chunk: ColumnChunk,
  group: number,
  rows: number,
): Promise<void> {
  const meta = chunk.meta_data;
  if (!meta) return;
  const column = meta.path_in_schema.join('.');
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  const fault = (where: number, what: string) =>
    new InputError(
      `corrupt Parquet: column ${column}, row group ${group}: page header at byte ${where}: ${what}`,
    );
  // A flat column (the only kind read) holds one value, or null, per row.
  if (Number(meta.num_values) !== rows)
    throw new InputError(
      `corrupt Parquet: column ${column}, row group ${group}: ${meta.num_values} values for ${rows} rows`,
    );
  if (end > source.byteLength)
    throw fault(start, `the column chunk ends at byte ${end}, past the file's ${source.byteLength}`);
  let values = 0;
  for (let at = start; at < end;) {
    let read;
    try {
      read = await readHeader(source, at, end);
    } catch (error) {
      throw fault(at, (error as Error).message);
    }
    const problem = headerFault(read.header, end - at - read.length);
    if (problem) throw fault(at, problem);
    values += valuesOf(read.header);
    at += read.length + read.header.compressed_page_size;
  }
  if (values !== Number(meta.num_values))
    throw fault(start, `its data pages hold ${values} values, the footer says ${meta.num_values}`);
}

/** Throws an InputError naming the column, row group and byte of the first damaged page header. */
export async function checkPageHeaders(
  source: AsyncBuffer,
  group: RowGroup,
  index: number,
  names: readonly string[],
): Promise<void> {
  for (const chunk of group.columns)
    if (chunk.meta_data && names.includes(chunk.meta_data.path_in_schema[0]))
      await checkChunk(source, chunk, index, Number(group.num_rows));
}
