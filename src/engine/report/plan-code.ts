/**
 * A fitted per-column plan as code: scikit-learn (the plan as a ColumnTransformer to refit, and the
 * fitted steps applied with their numbers written out) or NumPy (each step's fitted arithmetic). PyTorch
 * and Keras take the NumPy form (a plan is preprocessing, done before the tensors are built).
 * Each step's code comes from the single-method snippets, so both stay in step.
 */
import type { FittedPlan } from '../advise/plan';
import { codeSnippet, type SnippetLanguage } from './code-snippets';
import type { Report } from './report';

const py = (names: readonly string[]) => `[${names.map((n) => JSON.stringify(n)).join(', ')}]`;

/** A single-method snippet's lines after its import block (the code proper). */
function snippetBody(snippet: string): string[] {
  const lines = snippet.split('\n');
  return lines.slice(lines.indexOf('') + 1);
}

function sklearnImports(snippet: string): string[] {
  return snippet.split('\n').filter((line) => line.startsWith('from sklearn'));
}

/** The fitted plan as code in `language`; the input is a pandas DataFrame `df` with the plan's columns. */
export function planCode(fitted: FittedPlan, language: SnippetLanguage): string {
  const header = [
    `# NormScope: per-column plan on ${fitted.columns.join(', ')}`,
    ...(fitted.leftOut.length ? [`# left out of the scaling: ${fitted.leftOut.join(', ')}`] : []),
  ];
  const index = (names: readonly string[]) => `[${names.map((n) => fitted.columns.indexOf(n)).join(', ')}]`;
  const start = [`X = df[${py(fitted.columns)}].to_numpy(dtype=float)`, 'X_scaled = X.copy()'];
  if (language === 'sklearn') {
    const snippets = fitted.steps.map((step) => codeSnippet(step.scaler, step.columns, 'sklearn'));
    const imports = [...new Set(snippets.flatMap(sklearnImports))];
    const constructors = snippets.map((snippet) => snippetBody(snippet)[0].replace(/^scaler = /, ''));
    const transformers = [
      ...fitted.steps.map(
        (step, k) =>
          `    (${JSON.stringify(`${step.scaler.method}_${k + 1}`)}, ${constructors[k]}, ${py(step.columns)}),`,
      ),
      ...(fitted.passthrough.length ? [`    ("unscaled", "passthrough", ${py(fitted.passthrough)}),`] : []),
    ];
    const steps = snippets.flatMap((snippet, k) => {
      const body = snippetBody(snippet).filter((line) => !line.startsWith('X_scaled'));
      return [`def fitted_step_${k + 1}():`, ...body.map((line) => `    ${line}`), '    return scaler', ''];
    });
    const apply = fitted.steps.map(
      (step, k) =>
        `X_scaled[:, ${index(step.columns)}] = fitted_step_${k + 1}().transform(X[:, ${index(step.columns)}])`,
    );
    return [
      ...header,
      'import numpy as np',
      'from sklearn.compose import ColumnTransformer',
      ...imports,
      '',
      '# The plan, to refit on training data (fitted on the same data it gives the numbers below):',
      'plan = ColumnTransformer([',
      ...transformers,
      '], remainder="drop")',
      '',
      '# The fitted parameters, applied without refitting:',
      ...steps,
      ...start,
      ...apply,
    ].join('\n');
  }
  const steps = fitted.steps.flatMap((step, k) => [
    `def step_${k + 1}(X):`,
    ...snippetBody(codeSnippet(step.scaler, step.columns, 'numpy')).map((line) => `    ${line}`),
    '    return X_scaled',
    '',
  ]);
  const apply = fitted.steps.map(
    (step, k) => `X_scaled[:, ${index(step.columns)}] = step_${k + 1}(X[:, ${index(step.columns)}])`,
  );
  return [
    ...header,
    ...(language === 'numpy' ? [] : [`# ${language}: the plan is preprocessing; apply it with NumPy first`]),
    'import numpy as np',
    '',
    ...steps,
    ...start,
    ...apply,
  ].join('\n');
}

/** The report's fitted transform as code: its plan, or its single method. */
export function fittedCode(report: Report, language: SnippetLanguage): string {
  if (report.fittedPlan) return planCode(report.fittedPlan, language);
  if (report.fitted) return codeSnippet(report.fitted.scaler, report.fitted.columns, language);
  throw new Error('Choose a scaling method first: there are no fitted parameters to copy.');
}
