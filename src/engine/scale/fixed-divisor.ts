import { ParameterError } from '../parameter-error';
import { mapColumns, type Matrix } from './matrix';
import type { Scaler, ScalerJSON, ScalerState } from './scaler';

/** Division by a fixed number, as pixels / 255; nothing to learn, any width accepted. */
export class FixedDivisorScaler implements Scaler {
  readonly method = 'scale';
  readonly divisor: number;
  readonly nFeaturesIn = undefined;

  constructor(options: { divisor?: number } = {}) {
    const divisor = options.divisor ?? 255;
    if (!Number.isFinite(divisor) || divisor === 0) {
      throw new ParameterError('fixedDivisor', 'divisor', divisor, 'must be a finite non-zero number');
    }
    this.divisor = divisor;
  }

  fit(): this {
    return this;
  }

  transform(x: Matrix): Matrix {
    return mapColumns(x, (v) => v / this.divisor);
  }

  inverseTransform(x: Matrix): Matrix {
    return mapColumns(x, (v) => v * this.divisor);
  }

  toJSON(): ScalerJSON {
    return { method: this.method, options: { divisor: this.divisor }, state: {} };
  }

  loadState(_state: ScalerState): this {
    return this;
  }
}
