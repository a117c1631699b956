// The readers and writers built on large libraries (hyparquet, apache-arrow, exceljs), bundled apart as
// dist/formats.cjs: the CLI and the extension load it on first use, so starting them parses none of it.
export * from './parquet';
export * from './arrow';
export * from './xlsx';
export * from './table-writers';
