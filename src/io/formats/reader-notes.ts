/**
 * What a format reader says it chose, converted or skipped (the CLI prints it on stderr, the panel shows
 * it as its note), in every language NormScope speaks; the reader's `language` option picks one.
 * Each language must fill every key (the `Record` type refuses a missing one); flags and names in the
 * `{name}` placeholders stay as written.
 */
import { fillMessage, type AdviceLanguage } from '../../engine/advise/messages';

export type ReaderNoteKey = 'nestedSkipped' | 'datesAsText' | 'readSheet' | 'readArray';

export const READER_NOTES: Record<AdviceLanguage, Record<ReaderNoteKey, string>> = {
  en: {
    nestedSkipped: 'nested or list columns skipped: {columns}',
    datesAsText: 'dates and timestamps are read as text (ISO 8601, UTC)',
    readSheet: "read sheet '{name}' of {names}; choose another with --sheet NAME",
    readArray: "read array '{name}' of {names}; choose another with --array NAME",
  },
  'zh-cn': {
    nestedSkipped: '已跳过嵌套列或列表列：{columns}',
    datesAsText: '日期和时间戳按文本读取（ISO 8601，UTC）',
    readSheet: "读取了 {names} 中的工作表 '{name}'；可用 --sheet NAME 选择其他工作表",
    readArray: "读取了 {names} 中的数组 '{name}'；可用 --array NAME 选择其他数组",
  },
};

/** A reader's note in `language` (English when not given). */
export function readerNote(
  language: AdviceLanguage | undefined,
  key: ReaderNoteKey,
  values: Readonly<Record<string, string>> = {},
): string {
  return fillMessage(READER_NOTES[language ?? 'en'][key], values);
}
