/**
 * Histograms with chart.js, coloured only from the theme's --vscode-* variables and redrawn when the
 * theme changes. One chart per canvas; a chart is destroyed before its canvas is reused.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { HistogramPayload } from '../shared/protocol';
import { formatValue } from './dom';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

const charts = new Map<HTMLCanvasElement, Chart>();

export function drawHistogram(
  canvas: HTMLCanvasElement,
  histogram: HistogramPayload,
  colorVariable: string,
): void {
  charts.get(canvas)?.destroy();
  const labels = Array.from(histogram.counts, (_, i) =>
    formatValue((histogram.edges[i] + histogram.edges[i + 1]) / 2),
  );
  const foreground = themeColor('--vscode-foreground', '#888');
  const grid = themeColor('--vscode-editorWidget-border', themeColor('--vscode-panel-border', '#8884'));
  const color = themeColor(colorVariable, '#3794ff');
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          data: Array.from(histogram.counts),
          backgroundColor: color,
          borderColor: color,
          barPercentage: 1,
          categoryPercentage: 1,
        },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const i = items[0]?.dataIndex ?? 0;
              return `[${formatValue(histogram.edges[i])}, ${formatValue(histogram.edges[i + 1])}${i === histogram.counts.length - 1 ? ']' : ')'}`;
            },
          },
        },
      },
      scales: {
        x: { ticks: { color: foreground, maxTicksLimit: 8, maxRotation: 0 }, grid: { color: grid } },
        y: { beginAtZero: true, ticks: { color: foreground, precision: 0 }, grid: { color: grid } },
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
