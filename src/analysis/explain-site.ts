/**
 * A layer's parameters and reading from its bound arguments: defaults filled in from the conventions,
 * the axes it reduces for each layout it plausibly sees, statistic and γ/β shapes from the engine's
 * explain plans.
 */
import { conventionFor, type MomentumConvention } from '../engine/explain/conventions';
import { FRAMEWORK_APIS, type LayerApi } from '../engine/explain/layer-apis';
import { explainPlan } from '../engine/explain/plan';
import { ParameterError } from '../engine/parameter-error';
import type { Literal } from './call-binding';
import type { LayerAnnotation } from './layer-annotation';

export type Explained = Pick<
  LayerAnnotation,
  'framework' | 'layer' | 'params' | 'layout' | 'alternatives' | 'reducedAxes' | 'statShape' | 'paramShape'
>;

/** Explains a layer built with these argument values; `mapsLayout` is the file's feature-map layout. */
export function explainSite(
  api: LayerApi,
  values: ReadonlyMap<string, Literal>,
  mapsLayout: string | undefined,
): Explained {
  const frameworkApi = FRAMEWORK_APIS[api.framework];
  const convention = conventionFor(api.framework, api.layer);
  const value = (...names: string[]) => names.map((n) => values.get(n)).find((v) => v !== undefined);
  const epsValue = value('eps', 'epsilon');
  const eps =
    typeof epsValue === 'number' ? epsValue : typeof epsValue === 'string' ? epsValue : convention.eps;
  const momentumValue = value('momentum');
  const tracks =
    api.layer === 'batchnorm' || (api.layer === 'instancenorm' && value('track_running_stats') === true);
  const momentum = !tracks
    ? null
    : momentumValue === null
      ? null
      : typeof momentumValue === 'number' || typeof momentumValue === 'string'
        ? momentumValue
        : (convention.momentum ?? 0.1);
  const momentumConvention: MomentumConvention | null = !tracks
    ? null
    : momentumValue === null
      ? 'cumulative'
      : frameworkApi.momentumConvention;
  const params: LayerAnnotation['params'] = { eps, momentum, momentumConvention };
  const features = value('num_features', 'num_channels');
  if (features !== undefined) params.numFeatures = typeof features === 'number' ? features : String(features);
  const groups = value('num_groups', 'groups');
  if (api.layer === 'groupnorm')
    params.numGroups =
      typeof groups === 'number'
        ? groups
        : groups !== undefined
          ? String(groups)
          : (convention.defaultGroups ?? 32);
  const axisValue = value('axis', 'reduction_axes', ...(api.layer === 'unitnorm' ? ['dim'] : []));
  if (axisValue !== undefined)
    params.axis = typeof axisValue === 'number' || Array.isArray(axisValue) ? axisValue : String(axisValue);
  let trailing: number | undefined;
  const trailingShape =
    (api.layer === 'layernorm' || api.layer === 'rmsnorm') &&
    frameworkApi.layerShapeArgument === 'normalized-trailing';
  if (trailingShape) {
    const shape = value('normalized_shape');
    params.normalizedShape =
      typeof shape === 'number'
        ? [shape]
        : Array.isArray(shape)
          ? shape
          : shape !== undefined
            ? String(shape)
            : 'unknown';
    trailing = typeof shape === 'number' ? 1 : Array.isArray(shape) ? shape.length : undefined;
  }
  const explained = shapes(api, params, trailing, mapsLayout);
  // affine=False (torch BatchNorm/InstanceNorm), elementwise_affine=False (LayerNorm): no γ, β; InstanceNorm has none unless affine=True.
  const affine = value('affine', 'elementwise_affine', 'scale');
  const affineByDefault = convention.scale;
  if (affine === false || (!affineByDefault && affine !== true)) explained.paramShape = [];
  if (!affineByDefault && affine === true) explained.paramShape = ['C'];
  return { framework: api.framework, layer: api.layer, params, ...explained };
}

/** Reduced axes and symbolic shapes from the engine's explain plan, for each plausible layout. */
function shapes(
  api: LayerApi,
  params: LayerAnnotation['params'],
  trailing: number | undefined,
  mapsLayout: string | undefined,
): Pick<LayerAnnotation, 'layout' | 'alternatives' | 'reducedAxes' | 'statShape' | 'paramShape'> {
  const frameworkApi = FRAMEWORK_APIS[api.framework];
  let layouts = api.layouts;
  // (N, C, *): the file's convolutions say which; without them, every conventional reading.
  if (api.anyRank && mapsLayout) layouts = [mapsLayout];
  const trailingShape =
    (api.layer === 'layernorm' || api.layer === 'rmsnorm') &&
    frameworkApi.layerShapeArgument === 'normalized-trailing';
  if (trailingShape) {
    // normalized_shape of one extent: tokens (B, T, C); of three: images (N, C, H, W); else unknown.
    layouts =
      trailing === 1 ? ['BTC'] : trailing === 3 ? ['NCHW'] : trailing === 2 ? ['NCHW'] : ['BTC', 'NCHW'];
  }
  if (
    typeof params.axis === 'string' &&
    frameworkApi.channelsLast &&
    (api.layer === 'batchnorm' || api.layer === 'groupnorm')
  ) {
    // A channel axis written as a name (Keras Applications' `bn_axis = 3 if channels_last else 1`):
    // channels-last or channels-first, the code does not say which.
    layouts = ['NHWC', 'NCHW'];
  }
  const groups = typeof params.numGroups === 'number' && params.numGroups > 0 ? params.numGroups : 1;
  const planFor = (layout: string) => {
    const shape = layout.split('').map((letter) => (letter === 'C' ? 2 * groups : 4));
    const axis = typeof params.axis === 'number' || Array.isArray(params.axis) ? params.axis : undefined;
    return explainPlan({
      layer: api.layer,
      framework: api.framework,
      shape,
      layout,
      numGroups: api.layer === 'groupnorm' ? groups : undefined,
      normalizedShape: trailing !== undefined ? shape.slice(shape.length - trailing) : undefined,
      axis: frameworkApi.channelsLast || api.layer === 'unitnorm' ? axis : undefined,
    });
  };
  // Only the layouts the call's own arguments fit (an explicit axis=3 rules out a rank-2 reading).
  const plans = layouts.flatMap((layout) => {
    try {
      return [{ layout, plan: planFor(layout) }];
    } catch (error) {
      if (error instanceof ParameterError) return [];
      throw error;
    }
  });
  if (plans.length === 0) return { layout: null, reducedAxes: [], statShape: [], paramShape: [] };
  const { layout, plan } = plans[0];
  const symbolic = plan.layer === 'groupnorm' ? ['N', 'G'] : plan.keptAxisNames;
  const paramShape: (string | number)[] =
    plan.paramShape.length === 0
      ? []
      : plan.layer === 'layernorm' || plan.layer === 'rmsnorm'
        ? Array.isArray(params.normalizedShape)
          ? params.normalizedShape
          : plan.reducedAxisNames
        : ['C'];
  return {
    layout: plans.length === 1 ? layout : null,
    ...(plans.length > 1
      ? { alternatives: plans.map((p) => ({ layout: p.layout, reducedAxes: p.plan.reducedAxisNames })) }
      : {}),
    reducedAxes: plan.reducedAxisNames,
    statShape: symbolic,
    paramShape,
  };
}
