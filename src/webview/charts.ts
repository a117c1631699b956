/**
 * Histograms with chart.js, coloured only from the theme's --vscode-* variables and redrawn when the
 * theme changes. One chart per canvas; a chart is destroyed before its canvas is reused.
 */
import {
  BarController,
  BarElement,
  Chart,
  LinearScale,
  LogarithmicScale,
  Tooltip,
  type Scale,
} from 'chart.js';
import { formatSignificant } from '../engine/report/number-format';
import { niceTicks } from '../engine/report/nice-ticks';
import type { HistogramPayload } from '../shared/protocol';

Chart.register(BarController, BarElement, LinearScale, LogarithmicScale, Tooltip);

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

const charts = new Map<HTMLCanvasElement, Chart>();

/** How a histogram is drawn: counts on a linear or a log y axis. */
export interface HistogramStyle {
  logY: boolean;
}

/** [a, b) as the bin's range, ] on the last (closed) bin; numbers with 4 significant digits. */
export function binLabel(histogram: HistogramPayload, i: number): string {
  const last = i === histogram.counts.length - 1;
  return `[${formatSignificant(histogram.edges[i])}, ${formatSignificant(histogram.edges[i + 1])}${last ? ']' : ')'}`;
}

/**
 * A histogram on a linear x axis (bars span their bin edges) with round ticks (1, 2, 5 × 10^k) and
 * numbers of consistent significant digits; the y axis counts, linear or log.
 */
export function drawHistogram(
  canvas: HTMLCanvasElement,
  histogram: HistogramPayload,
  colorVariable: string,
  style: HistogramStyle = { logY: false },
): void {
  charts.get(canvas)?.destroy();
  const foreground = themeColor('--vscode-foreground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', themeColor('--vscode-panel-border', '#8884'));
  const color = themeColor(colorVariable, '#3794ff');
  const bins = histogram.counts.length;
  const first = histogram.edges[0];
  const last = histogram.edges[bins];
  const roundTicks = (scale: Scale) => {
    scale.ticks = niceTicks(first, last, 6).map((value) => ({ value }));
  };
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      datasets: [
        {
          data: Array.from(histogram.counts, (count, i) => ({
            x: (histogram.edges[i] + histogram.edges[i + 1]) / 2,
            // A log axis has no zero: empty bins are left out rather than drawn to 1.
            y: style.logY && count === 0 ? NaN : count,
          })),
          backgroundColor: color,
          borderColor: color,
          barPercentage: 1,
          categoryPercentage: 1,
          grouped: false,
        },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      parsing: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => binLabel(histogram, items[0]?.dataIndex ?? 0),
            label: (item) => `${String((item.raw as { y: number }).y)} values`,
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          min: first,
          max: last,
          offset: false,
          afterBuildTicks: roundTicks,
          ticks: {
            color: foreground,
            maxRotation: 0,
            callback: (value) => formatSignificant(Number(value), 3),
          },
          grid: { color: grid },
        },
        y: style.logY
          ? {
              type: 'logarithmic',
              min: 0.8,
              ticks: {
                color: foreground,
                callback: (value) =>
                  Number.isInteger(Math.log10(Number(value))) ? formatSignificant(Number(value)) : '',
              },
              grid: { color: grid },
            }
          : {
              type: 'linear',
              beginAtZero: true,
              ticks: { color: foreground, precision: 0 },
              grid: { color: grid },
            },
      },
    },
  });
  charts.set(canvas, chart);
}

/**
 * Redraws every chart with the current theme's colours when the theme changes: VS Code switches the
 * body's class and rewrites the variables on <html>'s style, in either order, so watch both.
 */
export function watchTheme(redraw: () => void): () => void {
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      redraw();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}

/** Charts drawn on canvases inside `root`. */
export function chartsIn(root: HTMLElement): number {
  let count = 0;
  for (const canvas of charts.keys()) if (root.contains(canvas)) count++;
  return count;
}

/** Destroys every chart inside `root` (before its element is reused or removed). */
export function destroyChartsIn(root: HTMLElement): void {
  for (const [canvas, chart] of charts) {
    if (root.contains(canvas)) {
      chart.destroy();
      charts.delete(canvas);
    }
  }
}
