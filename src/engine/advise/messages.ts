/**
 * The reasons advice gives, in every language it speaks. Each language must fill every key (the
 * `Record` type refuses a missing one); `{name}` placeholders take the column's formatted numbers.
 */
export const ADVICE_LANGUAGES = ['en', 'zh-cn'] as const;
export type AdviceLanguage = (typeof ADVICE_LANGUAGES)[number];

export type AdviceMessageKey =
  | 'empty'
  | 'constant'
  | 'idLike'
  | 'binary'
  | 'skewed'
  | 'skewedWithOutliers'
  | 'outliers'
  | 'zscore'
  | 'missing'
  | 'text'
  | 'separator';

export const ADVICE_MESSAGES: Record<AdviceLanguage, Record<AdviceMessageKey, string>> = {
  en: {
    empty: 'no values: all {rows} rows are missing',
    constant: 'every value is {min}: a constant carries no information, and scaling it divides by zero',
    idLike: '{count} distinct integers from {min} to {max}, one per row: a row identifier, not a measurement',
    binary: 'two values only ({low} and {high}): already an indicator, leave it as it is',
    skewed:
      'skewness {skewness} (beyond ±1): a Yeo-Johnson power transform makes it near-symmetric, then standardizes it',
    skewedWithOutliers:
      'skewness {skewness} (beyond ±1) and {beyondShare} of values beyond the IQR fences [{lowerFence}, {upperFence}]: a Yeo-Johnson power transform pulls the long tail in, then standardizes it',
    outliers:
      '{beyondShare} of values beyond the IQR fences [{lowerFence}, {upperFence}]: min-max would squash the other {innerShare} into [{squashedLow}, {squashedHigh}]; median and IQR are not pulled by them',
    zscore:
      'skewness {skewness} and {beyondShare} beyond the IQR fences: near-symmetric without many outliers, so standardize to mean 0, standard deviation 1',
    missing: '{missing} of {rows} values missing ({missingShare}): impute them before a model sees them',
    text: 'text column: not scaled',
    separator: '; ',
  },
  'zh-cn': {
    empty: '没有数值：全部 {rows} 行都缺失',
    constant: '所有值都是 {min}：常数列不含信息，缩放时还会除以零',
    idLike: '{count} 个互不相同的整数，从 {min} 到 {max}，每行一个：这是行标识，不是测量值',
    binary: '只有两个值（{low} 和 {high}）：已经是指示变量，保持原样',
    skewed: '偏度 {skewness}（超出 ±1）：Yeo-Johnson 幂变换使其接近对称，再标准化',
    skewedWithOutliers:
      '偏度 {skewness}（超出 ±1），且 {beyondShare} 的值落在 IQR 栅栏 [{lowerFence}, {upperFence}] 之外：Yeo-Johnson 幂变换收拢长尾，再标准化',
    outliers:
      '{beyondShare} 的值落在 IQR 栅栏 [{lowerFence}, {upperFence}] 之外：最小-最大缩放会把其余 {innerShare} 挤进 [{squashedLow}, {squashedHigh}]；中位数和 IQR 不受它们牵引',
    zscore:
      '偏度 {skewness}，{beyondShare} 落在 IQR 栅栏之外：接近对称且离群值不多，标准化为均值 0、标准差 1',
    missing: '{rows} 个值中缺失 {missing} 个（{missingShare}）：在模型使用前先填补',
    text: '文本列：不缩放',
    separator: '；',
  },
};

/** The advice language for a display language tag (VS Code's `env.language`): Chinese (Simplified) or English. */
export function adviceLanguage(displayLanguage: string | undefined): AdviceLanguage {
  const tag = (displayLanguage ?? '').toLowerCase();
  return tag === 'zh-cn' || tag === 'zh-hans' || tag.startsWith('zh-hans-') || tag === 'zh-sg'
    ? 'zh-cn'
    : 'en';
}

/** `template` with each `{name}` replaced by values[name] (unknown names kept as written). */
export function fillMessage(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
