/**
 * Exact statistics of data that can be read again but not held: a few sequential passes, each with
 * memory independent of the row count. Pass 1 takes counts, min, max and the sum; pass 2 the centred
 * power sums around that mean (exactly describe()'s two-pass arithmetic, so the moments agree bit for
 * bit) and a histogram of each column's finite values; later passes narrow each wanted order statistic
 * to the values of one histogram bin, then collect those values and select. Quantiles are NumPy
 * 'linear', exactly — no sketch, no approximation.
 *
 * Drive it with any source that can replay the values column by column:
 *   const passes = new ExactPasses([0.25, 0.5, 0.75]);
 *   while (!passes.done) { await replay((column) => passes.sink(column)); passes.endPass(); }
 *   passes.moments(j); passes.quantiles(j);
 */
import { countValue, emptyMoments, powerOfTwoAtLeast, type Moments } from './moments';
import { kthSmallest, lerp } from './quantile';

/** Receives one column's values in row order (NaN = missing). */
export interface ValueSink {
  add(value: number): void;
}

/** Bins of the first (whole-range) histogram; refinements use fewer, as they are per order statistic. */
const FIRST_BINS = 1 << 16;
const REFINE_BINS = 1 << 12;
/** Values held at once to finish the order statistics, over all columns (8 M float64 = 64 MB). */
const COLLECT_BUDGET = 8 << 20;

/** Values between lo and hi (inclusive) counted into equal-width bins, with each bin's actual min and max. */
class Histogram {
  readonly counts: Float64Array;
  readonly mins: Float64Array;
  readonly maxs: Float64Array;
  private readonly halve: boolean;
  private readonly width: number;

  constructor(
    readonly lo: number,
    readonly hi: number,
    bins: number,
  ) {
    this.counts = new Float64Array(hi > lo ? bins : 1);
    this.mins = new Float64Array(this.counts.length).fill(Infinity);
    this.maxs = new Float64Array(this.counts.length).fill(-Infinity);
    // The bin, ⌊bins·(v − lo)/(hi − lo)⌋, is monotone in v as computed in floating point, so each bin's
    // [min, max] holds no other bin's value. Halves keep hi − lo finite for the widest ranges; the
    // plain form stays exact for subnormal ones.
    this.halve = !Number.isFinite(hi - lo);
    this.width = this.halve ? hi / 2 - lo / 2 : hi - lo;
  }

  add(v: number): void {
    if (!(v >= this.lo && v <= this.hi)) return;
    const last = this.counts.length - 1;
    if (last === 0) {
      this.counts[0]++;
      if (v < this.mins[0]) this.mins[0] = v;
      if (v > this.maxs[0]) this.maxs[0] = v;
      return;
    }
    const offset = this.halve ? v / 2 - this.lo / 2 : v - this.lo;
    const bin = Math.min(last, Math.floor((offset / this.width) * (last + 1)));
    this.counts[bin]++;
    if (v < this.mins[bin]) this.mins[bin] = v;
    if (v > this.maxs[bin]) this.maxs[bin] = v;
  }
}

/** One wanted order statistic of the finite values: rank `k`, narrowed to [lo, hi] with `below` values under lo. */
interface Target {
  k: number;
  lo: number;
  hi: number;
  below: number;
  /** Values in [lo, hi]. */
  inside: number;
  value?: number;
  histogram?: Histogram;
  collected?: Float64Array;
  collectedLength?: number;
}

/** A sink that drops its values (columns left out of a pass). */
export const IGNORE: ValueSink = { add: () => undefined };

class ColumnPasses {
  excluded = false;
  readonly moments: Moments = emptyMoments();
  private sum = 0;
  private maxAbs = 0;
  private meanScaled = 0;
  private s = [0, 0, 0, 0];
  private first?: Histogram;
  targets: Target[] = [];

  constructor(private readonly qs: readonly number[]) {}

  /** Pass 1: counts, range, sum. */
  readonly range: ValueSink = {
    add: (v) => {
      if (countValue(this.moments, v)) {
        if (Math.abs(v) > this.maxAbs) this.maxAbs = Math.abs(v);
        this.sum += v;
      }
    },
  };

  get finite(): number {
    return this.moments.count - this.moments.positiveInfinities - this.moments.negativeInfinities;
  }

  /** Set when Σv overflowed: the mean then needs a pass summing v / scale instead. */
  private needsScaledSum = false;

  /** Whether Σv overflowed (see needsScaledSum). */
  afterRange(): boolean {
    if (this.finite === 0) return false;
    const m = this.moments;
    m.scale = powerOfTwoAtLeast(this.maxAbs);
    // Σv / scale equals describe()'s Σ(v / scale) exactly (scaling by a power of two), barring overflow.
    this.meanScaled = this.sum / m.scale / this.finite;
    const finiteMin = m.negativeInfinities > 0 ? -this.maxAbs : m.min;
    const finiteMax = m.positiveInfinities > 0 ? this.maxAbs : m.max;
    this.first = new Histogram(finiteMin, finiteMax, FIRST_BINS);
    this.needsScaledSum = !Number.isFinite(this.sum);
    if (this.needsScaledSum) this.sum = 0;
    return this.needsScaledSum;
  }

  /** Pass 1b, only after an overflow: Σ(v / scale) as describe() sums it. */
  readonly scaledSum: ValueSink = {
    add: (v) => {
      if (this.needsScaledSum && v - v === 0) this.sum += v / this.moments.scale;
    },
  };

  afterScaledSum(): void {
    if (this.needsScaledSum) this.meanScaled = this.sum / this.finite;
  }

  /** Pass 2: centred power sums (scaled) and the first histogram. */
  readonly spread: ValueSink = {
    add: (v) => {
      if (v - v !== 0) return;
      const d = v / this.moments.scale - this.meanScaled;
      const d2 = d * d;
      const s = this.s;
      s[0] += d;
      s[1] += d2;
      s[2] += d2 * d;
      s[3] += d2 * d2;
      this.first!.add(v);
    },
  };

  afterSpread(): void {
    const m = this.moments;
    const finite = this.finite;
    if (finite > 0) {
      const [s1, s2, s3, s4] = this.s;
      const shift = s1 / finite;
      m.shiftedMean = (this.meanScaled + shift) * m.scale;
      m.m2s = s2 - s1 * shift;
      m.m3s = s3 - 3 * shift * s2 + 2 * finite * shift ** 3;
      m.m4s = s4 - 4 * shift * s3 + 6 * shift * shift * s2 - 3 * finite * shift ** 4;
    }
    this.targets = (this.excluded ? [] : this.ranks()).map((k) => {
      const target: Target = { k, lo: -Infinity, hi: Infinity, below: 0, inside: finite };
      if (k < 0) target.value = -Infinity;
      else if (k >= finite) target.value = Infinity;
      else narrow(target, this.first!);
      return target;
    });
    this.first = undefined;
  }

  /** Order statistics (ranks among finite values; <0 means −Inf, ≥ finite means +Inf) the quantiles need. */
  private ranks(): number[] {
    const n = this.moments.count;
    if (n === 0) return [];
    const below = this.moments.negativeInfinities;
    return [
      ...new Set(
        this.qs.flatMap((q) => {
          const h = Math.floor((n - 1) * q);
          return [h, Math.min(h + 1, n - 1)];
        }),
      ),
    ].map((rank) => rank - below);
  }

  get open(): Target[] {
    return this.targets.filter((t) => t.value === undefined);
  }

  /** Sets up the next pass for the open targets: collect when within `limit` values, else refine. */
  beforeNarrowing(limit: number): void {
    for (const t of this.open) {
      if (t.inside <= limit) {
        t.collected = new Float64Array(t.inside);
        t.collectedLength = 0;
        t.histogram = undefined;
      } else t.histogram = new Histogram(t.lo, t.hi, REFINE_BINS);
    }
  }

  /** Later passes: the values inside each open target's interval. */
  readonly narrowing: ValueSink = {
    add: (v) => {
      for (const t of this.targets) {
        if (t.value !== undefined || !(v >= t.lo && v <= t.hi)) continue;
        if (t.collected) t.collected[t.collectedLength!++] = v;
        else t.histogram!.add(v);
      }
    },
  };

  afterNarrowing(): void {
    for (const t of this.open) {
      if (t.collected) {
        t.value = kthSmallest(t.collected, t.k - t.below);
        t.collected = undefined;
      } else narrow(t, t.histogram!);
    }
  }

  quantiles(): number[] {
    const n = this.moments.count;
    if (n === 0) return this.qs.map(() => NaN);
    const byRank = new Map(this.targets.map((t) => [t.k + this.moments.negativeInfinities, t.value!]));
    return this.qs.map((q) => {
      const h = (n - 1) * q;
      const below = Math.floor(h);
      return lerp(byRank.get(below)!, byRank.get(Math.min(below + 1, n - 1))!, h - below);
    });
  }
}

/** Narrows a target to the histogram bin holding its rank; resolves it when that bin holds one value. */
function narrow(t: Target, histogram: Histogram): void {
  let before = t.below;
  for (let b = 0; b < histogram.counts.length; b++) {
    const count = histogram.counts[b];
    if (t.k < before + count) {
      t.lo = histogram.mins[b];
      t.hi = histogram.maxs[b];
      t.below = before;
      t.inside = count;
      if (t.lo === t.hi) t.value = t.lo;
      return;
    }
    before += count;
  }
  throw new Error(`order statistic ${t.k} not found: the data changed between passes`);
}

/** Exact moments and quantiles of `columns` columns over repeated passes; see the module comment. */
export class ExactPasses {
  private readonly columns: ColumnPasses[] = [];
  private stage: 'range' | 'scaledSum' | 'spread' | 'narrowing' | 'done' = 'range';
  /** Passes completed. */
  passes = 0;

  /** `collectBudget`: values held at once while finishing the order statistics (tests use small ones). */
  constructor(
    private readonly qs: readonly number[],
    private readonly collectBudget = COLLECT_BUDGET,
  ) {}

  get done(): boolean {
    return this.stage === 'done';
  }

  /** Leaves a column out from now on (a column the first pass found to be text). */
  exclude(column: number): void {
    if (column < this.columns.length) this.columns[column].excluded = true;
  }

  /** Where column `column`'s values go during this pass (columns appear during the first pass). */
  sink(column: number): ValueSink {
    const stage = this.stage;
    if (stage === 'done') throw new Error('ExactPasses: no pass left');
    if (column >= this.columns.length) {
      if (this.passes > 0) throw new Error(`ExactPasses: column ${column} was not in the first pass`);
      while (this.columns.length <= column) this.columns.push(new ColumnPasses(this.qs));
    }
    const passes = this.columns[column];
    return passes.excluded ? IGNORE : passes[stage];
  }

  endPass(): void {
    this.passes++;
    if (this.stage === 'range') {
      const overflowed = this.columns.map((c) => c.afterRange()).some(Boolean);
      this.stage = overflowed ? 'scaledSum' : 'spread';
      return;
    }
    if (this.stage === 'scaledSum') {
      this.columns.forEach((c) => c.afterScaledSum());
      this.stage = 'spread';
      return;
    }
    if (this.stage === 'spread') this.columns.forEach((c) => c.afterSpread());
    else this.columns.forEach((c) => c.afterNarrowing());
    const open = this.columns.reduce((n, c) => n + c.open.length, 0);
    if (open === 0) {
      this.stage = 'done';
      return;
    }
    const limit = Math.max(1, Math.floor(this.collectBudget / open));
    this.columns.forEach((c) => c.beforeNarrowing(limit));
    this.stage = 'narrowing';
  }

  moments(column: number): Moments {
    return this.columns[column].moments;
  }

  /** The quantiles asked for, NumPy 'linear', of column `column`'s non-missing values. */
  quantiles(column: number): number[] {
    if (!this.done) throw new Error('ExactPasses: quantiles before the last pass');
    return this.columns[column].quantiles();
  }
}
