/** The option controls of each scaling method, as the engine names the options. */
export type OptionField =
  | { key: string; label: string; kind: 'checkbox'; initial: boolean }
  | { key: string; label: string; kind: 'number'; initial: number; min?: number; step?: number }
  | { key: string; label: string; kind: 'pair'; initial: [number, number] }
  | { key: string; label: string; kind: 'choice'; initial: string; choices: string[] };

export const METHOD_OPTIONS: Record<string, OptionField[]> = {
  minmax: [
    { key: 'featureRange', label: 'Range', kind: 'pair', initial: [0, 1] },
    { key: 'clip', label: 'Clip to range', kind: 'checkbox', initial: false },
  ],
  zscore: [
    { key: 'withMean', label: 'Centre (subtract mean)', kind: 'checkbox', initial: true },
    { key: 'withStd', label: 'Scale (divide by σ)', kind: 'checkbox', initial: true },
  ],
  scale: [{ key: 'divisor', label: 'Divisor', kind: 'number', initial: 255 }],
  robust: [
    { key: 'quantileRange', label: 'Quantile range (%)', kind: 'pair', initial: [25, 75] },
    { key: 'unitVariance', label: 'Unit variance', kind: 'checkbox', initial: false },
  ],
  quantile: [
    { key: 'nQuantiles', label: 'Quantiles', kind: 'number', initial: 1000, min: 1, step: 1 },
    {
      key: 'outputDistribution',
      label: 'Output',
      kind: 'choice',
      initial: 'uniform',
      choices: ['uniform', 'normal'],
    },
  ],
  'yeo-johnson': [{ key: 'standardize', label: 'Standardize after', kind: 'checkbox', initial: true }],
};
