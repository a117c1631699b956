/**
 * Calls of built modules (`self.bn1(x)`, `self.ln_f(x)`): each links to the construction its attribute
 * holds, so the hover there says what the layer is and where it was built. A plain permute on the line
 * before the call (ConvNeXt's `x = x.permute(0, 2, 3, 1)` before `self.norm(x)`) moves the reading.
 */
import type { Node } from 'web-tree-sitter';
import { FRAMEWORK_APIS } from '../engine/explain/layer-apis';
import type { LayerAnnotation, LayerReference, Reading } from './layer-annotation';
import { lastAxisReading, permuteBefore } from './layout-inference';
import type { NameFlow } from './name-flow';

/** A channels-last permute before a LayerNorm/RMSNorm over one trailing extent: it reduces the permuted last axis. */
export function readingAt(
  line: number,
  site: LayerAnnotation,
  lines: readonly string[],
  mapsLayout: string | undefined,
): Reading | undefined {
  if (site.layer !== 'layernorm' && site.layer !== 'rmsnorm') return undefined;
  // One trailing extent: a number, a one-item list, or a name (`dim`) — a tuple would be written as one.
  const shape = site.params.normalizedShape;
  if (
    FRAMEWORK_APIS[site.framework].layerShapeArgument !== 'normalized-trailing' ||
    shape === undefined ||
    (Array.isArray(shape) && shape.length !== 1)
  )
    return undefined;
  const layout = permuteBefore(lines, line, mapsLayout);
  return layout ? lastAxisReading(layout) : undefined;
}

export function linkUses(
  calls: readonly Node[],
  flow: NameFlow,
  siteOfCall: ReadonlyMap<number, LayerAnnotation>,
  lines: readonly string[],
  mapsLayout: string | undefined,
  beforeQuery?: (call: Node) => void,
): LayerReference[] {
  const references: LayerReference[] = [];
  for (const call of calls) {
    if (siteOfCall.has(call.id)) continue;
    const fn = call.childForFieldName('function');
    if (
      !fn ||
      !(
        fn.type === 'identifier' ||
        (fn.type === 'attribute' && fn.childForFieldName('object')?.text === 'self')
      )
    )
      continue;
    beforeQuery?.(call);
    const sites = flow.instanceSites(fn, siteOfCall);
    if (sites.length === 0) continue;
    const name = fn.type === 'attribute' ? fn.childForFieldName('attribute')! : fn;
    const site = sites[0];
    const reading = readingAt(name.startPosition.row + 1, site, lines, mapsLayout);
    const use = {
      line: name.startPosition.row + 1,
      column: name.startPosition.column + 1,
      endColumn: name.endPosition.column + 1,
    };
    (site.uses ??= []).push({ ...use, ...(reading ? { reading } : {}) });
    references.push({ kind: 'use', ...use, layer: site, ...(reading ? { reading } : {}) });
  }
  for (const site of siteOfCall.values()) settleFromUses(site);
  return references;
}

/** A functional norm right after a plain permute (torchvision's LayerNorm2d) reads the permuted layout. */
export function settleFunctional(
  site: LayerAnnotation,
  lines: readonly string[],
  mapsLayout: string | undefined,
): void {
  const reading = readingAt(site.line, site, lines, mapsLayout);
  if (reading) settle(site, [reading]);
}

/** A layer every use of which sees one permuted layout (ConvNeXt's blocks) reads that layout where it is built too. */
function settleFromUses(site: LayerAnnotation): void {
  const readings = site.uses?.map((use) => use.reading);
  settle(site, readings);
}

function settle(site: LayerAnnotation, readings: (Reading | undefined)[] | undefined): void {
  if (!readings?.length || readings.some((r) => r === undefined)) return;
  const [first] = readings as Reading[];
  if (readings.some((r) => r!.layout !== first.layout)) return;
  site.layout = first.layout;
  site.reducedAxes = first.reducedAxes;
  site.statShape = first.layout.split('').filter((axis) => !first.reducedAxes.includes(axis));
  delete site.alternatives;
}
