/**
 * CSV field quoting (RFC 4180), pure so that every writer of CSV text uses it: the file writers in
 * src/io and the panel's "Copy as CSV" in the webview.
 */

/**
 * `text` as one CSV field: wrapped in `quote` (inner quotes doubled) when it holds the delimiter, the
 * quote, CR or LF, else unchanged. Leading and trailing spaces are kept either way (RFC 4180 counts
 * them as part of the field). Example: quoteField('a "b", c', ',') === '"a ""b"", c"'.
 */
export function quoteField(text: string, delimiter: string, quote = '"'): string {
  if (text.includes(delimiter) || text.includes(quote) || text.includes('\n') || text.includes('\r')) {
    return `${quote}${text.replaceAll(quote, quote + quote)}${quote}`;
  }
  return text;
}

/** One CSV record: each field quoted as it needs, joined by `delimiter`, ended by `lineEnding`. */
export function formatRecord(
  fields: readonly string[],
  delimiter: string,
  quote = '"',
  lineEnding = '\n',
): string {
  return fields.map((field) => quoteField(field, delimiter, quote)).join(delimiter) + lineEnding;
}
