/**
 * The scaling methods' titles and option labels in the panel's language: English is the engine's own
 * (its method table), the other languages are here, keyed by method and option key.
 */
import type { AdviceLanguage } from '../engine/advise/messages';
import type { ScalingMethod } from '../engine/scale/scaler';
import { panelLanguage } from './l10n';
import type { OptionField } from './options';

interface MethodWords {
  title: string;
  /** Option key → label. */
  options: Readonly<Record<string, string>>;
}

/** Every language but English (the engine's words), every method: a new method fails to compile here. */
export const METHOD_WORDS: Record<Exclude<AdviceLanguage, 'en'>, Record<ScalingMethod, MethodWords>> = {
  'zh-cn': {
    minmax: { title: '最小-最大', options: { featureRange: '范围', clip: '裁剪到范围内' } },
    zscore: {
      title: 'Z 分数（标准化）',
      options: { withMean: '中心化（减去均值）', withStd: '缩放（除以 σ）' },
    },
    scale: { title: '固定除数', options: { divisor: '除数' } },
    robust: {
      title: '稳健（中位数 / IQR）',
      options: { quantileRange: '分位数范围（%）', unitVariance: '单位方差' },
    },
    maxabs: { title: '最大绝对值', options: {} },
    l1: { title: '行 L1 范数', options: {} },
    l2: { title: '行 L2 范数', options: {} },
    max: { title: '行最大值范数', options: {} },
    quantile: { title: '分位数', options: { nQuantiles: '分位数个数', outputDistribution: '输出分布' } },
    'yeo-johnson': { title: 'Yeo-Johnson', options: { standardize: '变换后标准化' } },
  },
};

function wordsOf(method: string): MethodWords | undefined {
  const language = panelLanguage();
  if (language === 'en') return undefined;
  return (METHOD_WORDS[language] as Partial<Record<string, MethodWords>>)[method];
}

/** A method's title in the page's language (`title`, the engine's, in English or when unknown). */
export function methodTitle(method: string, title: string): string {
  return wordsOf(method)?.title ?? title;
}

/** An option's label in the page's language. */
export function optionLabel(method: string, field: OptionField): string {
  return wordsOf(method)?.options[field.key] ?? field.label;
}
