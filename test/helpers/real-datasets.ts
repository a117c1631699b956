// Real tables split into train / test CSVs at test time: scikit-learn's bundled data (Debian's
// python3-sklearn) and vega-datasets (npm), the latter with text columns and missing values.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
export const VEGA_DATA = fileURLToPath(new URL('../../node_modules/vega-datasets/data', import.meta.url));

export interface RealSplit {
  name: string;
  train: string;
  test: string;
  /** The numeric columns a method is fitted on. */
  columns: string[];
}

/** scikit-learn's CSVs start with "n_samples,n_features,class names…"; the header is made up. */
function sklearnTable(file: string): string[][] {
  const [first, ...rows] = readFileSync(join(SKLEARN_DATA, file), 'utf8').trim().split('\n');
  const features = Number(first.split(',')[1]);
  const header = [...Array.from({ length: features }, (_, j) => `f${j}`), 'target'];
  return [header, ...rows.map((line) => line.split(','))];
}

function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells
    .map((cell) => {
      if (cell === null || cell === undefined) return '';
      const text = String(cell);
      return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',');
}

/** Every third row to the test split, the rest to train (both keep the header). */
function writeSplit(dir: string, name: string, table: (string | number | null)[][], columns: string[]): RealSplit {
  const [header, ...rows] = table;
  const train = join(dir, `${name}-train.csv`);
  const test = join(dir, `${name}-test.csv`);
  const lines = (keep: (i: number) => boolean) =>
    [csvLine(header), ...rows.filter((_, i) => keep(i)).map(csvLine)].join('\n') + '\n';
  writeFileSync(
    train,
    lines((i) => i % 3 !== 0),
  );
  writeFileSync(
    test,
    lines((i) => i % 3 === 0),
  );
  return { name, train, test, columns };
}

function jsonTable(file: string): (string | number | null)[][] {
  const records = JSON.parse(readFileSync(join(VEGA_DATA, file), 'utf8')) as Record<string, string | number | null>[];
  const header = Object.keys(records[0]);
  return [header, ...records.map((r) => header.map((k) => r[k]))];
}

/** The real splits available on this machine (scikit-learn's data needs python3-sklearn). */
export function realSplits(dir: string): RealSplit[] {
  const splits: RealSplit[] = [];
  if (existsSync(join(SKLEARN_DATA, 'wine_data.csv'))) {
    splits.push(
      writeSplit(
        dir,
        'wine',
        sklearnTable('wine_data.csv'),
        Array.from({ length: 13 }, (_, j) => `f${j}`),
      ),
    );
    splits.push(
      writeSplit(
        dir,
        'breast-cancer',
        sklearnTable('breast_cancer.csv'),
        Array.from({ length: 30 }, (_, j) => `f${j}`),
      ),
    );
  }
  const weather = readFileSync(join(VEGA_DATA, 'seattle-weather.csv'), 'utf8').trim().split('\n');
  splits.push(
    writeSplit(
      dir,
      'seattle-weather',
      weather.map((line) => line.split(',')),
      ['precipitation', 'temp_max', 'temp_min', 'wind'],
    ),
  );
  const penguinColumns = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
  splits.push(writeSplit(dir, 'penguins', jsonTable('penguins.json'), penguinColumns));
  return splits;
}
