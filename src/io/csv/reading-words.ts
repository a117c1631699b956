/**
 * The words of a CSV reading's summary ("`;`-delimited, decimal comma, header on line 2") and of its
 * hints in every language NormScope speaks. Each language must fill every key (the `Record` type refuses a missing
 * one); delimiters, marks and line numbers in the `{name}` placeholders stay as written.
 */
import type { AdviceLanguage } from '../../engine/advise/messages';

export type ReadingWordKey =
  | 'whitespaceDelimited'
  | 'delimited'
  | 'decimalComma'
  | 'thousands'
  | 'singleQuotes'
  | 'noHeader'
  | 'headerOnLine'
  | 'preambleLine'
  | 'preambleLines'
  | 'commentLines'
  | 'trailingDelimiter'
  | 'separator'
  | 'digitGroups';

export const READING_WORDS: Record<AdviceLanguage, Record<ReadingWordKey, string>> = {
  en: {
    whitespaceDelimited: 'whitespace-delimited',
    delimited: '`{delimiter}`-delimited',
    decimalComma: 'decimal comma',
    thousands: 'thousands `{mark}`',
    singleQuotes: 'single quotes',
    noHeader: 'no header',
    headerOnLine: 'header on line {line}',
    preambleLine: '1 preamble line skipped',
    preambleLines: '{count} preamble lines skipped',
    commentLines: '`{comment}` lines skipped',
    trailingDelimiter: 'trailing delimiter',
    separator: ', ',
    digitGroups:
      "column {column} holds numbers with '{separator}' between digit groups and is read as text; {flags} reads it as numbers",
  },
  'zh-cn': {
    whitespaceDelimited: '以空白分隔',
    delimited: '以 `{delimiter}` 分隔',
    decimalComma: '小数点为逗号',
    thousands: '千位分隔符 `{mark}`',
    singleQuotes: '单引号',
    noHeader: '无表头',
    headerOnLine: '表头在第 {line} 行',
    preambleLine: '跳过 1 行前言',
    preambleLines: '跳过 {count} 行前言',
    commentLines: '跳过以 `{comment}` 开头的行',
    trailingDelimiter: '行尾有多余的分隔符',
    separator: '，',
    digitGroups:
      "第 {column} 列的数字在数位分组之间用 '{separator}' 分隔，因此按文本读取；{flags} 可将其按数字读取",
  },
};
