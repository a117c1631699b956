/**
 * The explainer view: its controls (shape, groups, framework), two tabs (the picture with plans and
 * conventions; why normalize), redrawn when the controls or the theme change. Talks to the host only
 * through its transport: 'ready', then the host's 'explainerInit' (framework, focused layer, the
 * user's array).
 */
import { FRAMEWORKS, type Framework } from '../../engine/explain/conventions';
import { FRAMEWORK_APIS } from '../../engine/explain/layer-apis';
import type { ExplainerHostMessage, ExplainerWebviewMessage } from '../../shared/protocol';
import { choiceSelect, numberField } from '../controls';
import { el } from '../dom';
import { tabs } from '../tabs';
import { setPanelLanguage, t } from '../l10n';
import type { Transport } from '../transport';
import { renderConventions } from './conventions';
import { renderPictures } from './picture';
import { initialState, type ExplainerState } from './state';
import { renderWhy } from './why-tab';

function render(root: HTMLElement, state: ExplainerState): void {
  renderPictures(root, state);
  renderConventions(root, state);
  renderWhy(root);
  root.dataset.ready = '1';
}

/**
 * The page's title, tabs and controls, built from the state in the page's language (again when the
 * host's init brings a language, shape or framework); `changed` runs after a control changes the state.
 */
function buildShell(root: HTMLElement, state: ExplainerState, changed: () => void): void {
  const update = () => {
    state.shape = inputs.map((input) => Math.max(1, Math.min(64, Math.floor(Number(input.value) || 1))));
    state.groups = Math.max(1, Math.floor(Number(groups.value) || 1));
    changed();
  };
  const number = (id: string, label: string, value: number) =>
    numberField({ id, label, min: 1, step: 1 }, value, update);
  const inputs = ['N', 'C', 'H', 'W'].map((name, i) => number(`shape-${name}`, name, state.shape[i]));
  const groups = number('groups', t('groups'), state.groups);
  const framework = choiceSelect(
    { id: 'framework', label: t('framework') },
    FRAMEWORKS.map((f) => ({ value: f, text: FRAMEWORK_APIS[f].title })),
    state.framework,
    (value) => {
      state.framework = value as Framework;
      update();
    },
  );
  const explainPanel = el(
    'section',
    { id: 'explain' },
    el(
      'div',
      { id: 'controls' },
      el(
        'span',
        { className: 'shape-fields' },
        `${t('shape')} `,
        ...inputs.flatMap((input, i) => [el('span', { text: `${'NCHW'[i]}=` }), input]),
      ),
      el('label', {}, `${t('groups')} `, groups),
      el('label', {}, `${t('framework')} `, framework),
    ),
    el('p', { id: 'source' }),
    el('div', { id: 'pictures', className: 'pair' }),
    el('ul', { id: 'notes' }),
    el('h2', { text: t('conventions') }),
    el('div', { id: 'convention-table' }),
  );
  const whyPanel = el('section', { id: 'why' });
  root.replaceChildren(
    el('h1', { text: t('explainerTitle') }),
    tabs([
      { key: 'explain', title: t('explainerTab'), content: explainPanel },
      { key: 'why', title: t('whyTab'), content: whyPanel },
    ]),
  );
}

export function startExplainer(transport: Transport<ExplainerHostMessage, ExplainerWebviewMessage>): void {
  const state = initialState();
  const root = document.getElementById('app')!;
  const changed = () => render(root, state);
  transport.onMessage((message) => {
    if (message.type !== 'explainerInit') return;
    setPanelLanguage(message.language);
    state.framework = message.framework;
    state.focus = message.layer;
    const array = message.array;
    if (array) {
      state.array = { shape: array.shape, values: Float64Array.from(array.values), source: array.source };
      state.shape = [...array.shape];
      // keep GroupNorm drawable: the largest group count up to the current one that divides C
      while (state.shape[1] % state.groups !== 0) state.groups--;
    }
    buildShell(root, state, changed);
    render(root, state);
    root.querySelector(`#panel-${state.focus}`)?.classList.add('focus');
  });
  new MutationObserver(changed).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  buildShell(root, state, changed);
  render(root, state);
  transport.post({ type: 'ready' });
}
