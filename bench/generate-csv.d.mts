/** Writes a seeded numeric CSV of about `megabytes` MB (reused when present); resolves to its size in bytes. */
export function generateNumericCsv(
  path: string,
  megabytes: number,
  columns?: number,
  seed?: number,
): Promise<number>;
