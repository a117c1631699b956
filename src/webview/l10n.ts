/**
 * The panel's own words in every language it speaks (English, Simplified Chinese), chosen once per page
 * from the host's display language. Each language must fill every key (the `Record` type refuses a
 * missing one); `{name}` placeholders are filled by `t`.
 */
import { fillMessage, type AdviceLanguage } from '../engine/advise/messages';

const EN = {
  columns: 'Columns',
  columnsAtAGlance: 'Columns at a glance',
  applyAdvice: 'Apply advice',
  applyAdviceTitle: 'Use the advised method for every numeric column (a per-column plan)',
  headerColumn: 'Column',
  headerKind: 'Kind',
  headerMissing: 'Missing',
  headerBefore: 'Before',
  headerAfter: 'After',
  headerMin: 'Min',
  headerMedian: 'Median',
  headerMax: 'Max',
  headerDiagnoses: 'Diagnoses',
  headerMethod: 'Method',
  leaveAsIs: 'Leave as is',
  exclude: 'Exclude',
  drop: 'Drop',
  advisedSuffix: '{title} (advised)',
  advice: 'Advice: {method}',
  methodFor: 'Method for {column}',
  distribution: 'Distribution',
  distributionOf: 'Distribution of {column}',
  focusAdvice: 'Advice: {method}{diagnoses} — {reason}',
  method: 'Method',
  column: 'Column',
  statisticsOnly: 'Statistics only',
  perColumnPlan: 'Per-column plan',
  bins: 'Bins',
  logCount: 'Log count axis',
  binsAndCounts: '{chart}: bins and counts',
  whyTitle: 'Why normalize: these columns before and after',
  whyNone: 'Choose a method or apply the advice to compare before and after.',
  whyCondition:
    "Condition number of XᵀX over {rows} complete rows of {columns} columns: {before} before, {after} after. A linear model's loss contours are √κ times longer than wide, so gradient descent zigzags across the narrow valley; near 1 it heads straight for the minimum.",
  whyCollinear: '∞ (collinear columns)',
  whyTwoColumns: 'Select two or more columns to see the loss contours.',
  whyContours: '{when}: loss contours over {columns}',
  whySaturation:
    "Values in tanh's flat region (|x| > {tanh}, slope under a tenth of its peak): {tanhBefore} before, {tanhAfter} after; in the sigmoid's (|x| > {sigmoid}): {sigmoidBefore} before, {sigmoidAfter} after. Saturated inputs pass almost no gradient.",
  before: 'Before',
  after: 'After',
  copyCsv: 'Copy CSV',
  copyMarkdown: 'Copy Markdown',
  leftOutOfPlan: '{column} is left out of the current plan; choose a method for it to see its detail.',
};

export type PanelMessageKey = keyof typeof EN;

const MESSAGES: Record<AdviceLanguage, Record<PanelMessageKey, string>> = {
  en: EN,
  'zh-cn': {
    columns: '列',
    columnsAtAGlance: '所有列一览',
    applyAdvice: '应用建议',
    applyAdviceTitle: '对每个数值列使用建议的方法（逐列方案）',
    headerColumn: '列',
    headerKind: '类型',
    headerMissing: '缺失',
    headerBefore: '之前',
    headerAfter: '之后',
    headerMin: '最小值',
    headerMedian: '中位数',
    headerMax: '最大值',
    headerDiagnoses: '诊断',
    headerMethod: '方法',
    leaveAsIs: '保持原样',
    exclude: '排除',
    drop: '删除',
    advisedSuffix: '{title}（建议）',
    advice: '建议：{method}',
    methodFor: '{column} 的方法',
    distribution: '分布',
    distributionOf: '{column} 的分布',
    focusAdvice: '建议：{method}{diagnoses} — {reason}',
    method: '方法',
    column: '列',
    statisticsOnly: '仅统计',
    perColumnPlan: '逐列方案',
    bins: '分箱',
    logCount: '计数轴取对数',
    binsAndCounts: '{chart}：分箱与计数',
    whyTitle: '为什么要归一化：这些列的前后对比',
    whyNone: '选择一种方法或应用建议，以比较前后差异。',
    whyCondition:
      '基于 {rows} 个完整行、{columns} 列的 XᵀX 条件数：之前 {before}，之后 {after}。线性模型损失函数的等高线长宽比为 √κ，梯度下降会在狭长的山谷中来回震荡；接近 1 时则直奔最小值。',
    whyCollinear: '∞（列共线）',
    whyTwoColumns: '选择两列或更多列以查看损失等高线。',
    whyContours: '{when}：{columns} 上的损失等高线',
    whySaturation:
      'tanh 平坦区（|x| > {tanh}，斜率不到峰值的十分之一）中的值：之前 {tanhBefore}，之后 {tanhAfter}；sigmoid 平坦区（|x| > {sigmoid}）：之前 {sigmoidBefore}，之后 {sigmoidAfter}。饱和的输入几乎传不回梯度。',
    before: '之前',
    after: '之后',
    copyCsv: '复制 CSV',
    copyMarkdown: '复制 Markdown',
    leftOutOfPlan: '{column} 不在当前方案中；为它选择一种方法即可查看详情。',
  },
};

let language: AdviceLanguage = 'en';

/** Sets the page's language (and its `lang` attribute, for screen readers). */
export function setPanelLanguage(next: AdviceLanguage | undefined): void {
  language = next ?? 'en';
  document.documentElement.lang = language === 'zh-cn' ? 'zh-CN' : 'en';
}

/** The panel's message `key` in the page's language, placeholders filled. */
export function t(key: PanelMessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  return fillMessage(
    MESSAGES[language][key],
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
  );
}
