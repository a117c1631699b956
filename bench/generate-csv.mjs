// Writes a seeded numeric CSV (header + rows of 12 columns like -123.456789) of about `megabytes` MB.
import { createWriteStream, existsSync, statSync } from 'node:fs';

/** Mulberry32: a small seeded generator, so every run benchmarks the same bytes. */
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generateNumericCsv(path, megabytes, columns = 12, seed = 42) {
  const target = megabytes * 1e6;
  if (existsSync(path) && Math.abs(statSync(path).size - target) < target * 0.02) return statSync(path).size;
  const random = mulberry32(seed);
  const out = createWriteStream(path);
  const header = Array.from({ length: columns }, (_, j) => `f${j}`).join(',') + '\n';
  out.write(header);
  let written = header.length;
  while (written < target) {
    const lines = [];
    for (let r = 0; r < 1000; r++) {
      const fields = [];
      for (let j = 0; j < columns; j++) fields.push(((random() - 0.5) * 2000).toFixed(6));
      lines.push(fields.join(','));
    }
    const chunk = lines.join('\n') + '\n';
    written += chunk.length;
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return statSync(path).size;
}
