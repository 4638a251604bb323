// Inline SVG charts (no library, no network): horizontal bars and a small trend line. Labels are escaped.
import { escapeHtml } from './escape.js';

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

const TEXT_STYLE = 'font-size="12" fill="#333"';

export function barChart(bars: Bar[], opts: { title: string; width?: number; maxBars?: number }): string {
  const shown = bars.slice(0, opts.maxBars ?? 12);
  const width = opts.width ?? 460;
  const labelW = 150;
  const rowH = 22;
  const height = Math.max(1, shown.length) * rowH + 8;
  const max = Math.max(1, ...shown.map((b) => b.value));
  const barArea = width - labelW - 50;
  const rows = shown.map((b, i) => {
    const y = 4 + i * rowH;
    const w = Math.max(2, Math.round((b.value / max) * barArea));
    const label = b.label.length > 12 ? b.label.slice(0, 11) + '…' : b.label;
    return (
      `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" ${TEXT_STYLE}>${escapeHtml(label)}<title>${escapeHtml(b.label)}</title></text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" rx="2" fill="${escapeHtml(b.color ?? '#2f6fb5')}"/>` +
      `<text x="${labelW + w + 6}" y="${y + 15}" ${TEXT_STYLE}>${b.value}</text>`
    );
  });
  const empty = shown.length === 0 ? `<text x="10" y="18" ${TEXT_STYLE}>无数据</text>` : '';
  return `<svg class="chart" role="img" aria-label="${escapeHtml(opts.title)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(opts.title)}</title>${rows.join('')}${empty}</svg>`;
}

export interface TrendSeries {
  name: string;
  color: string;
  values: number[];
}

export function trendChart(labels: string[], series: TrendSeries[], opts: { title: string; width?: number; height?: number }): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 200;
  const pad = { l: 40, r: 16, t: 14, b: 36 };
  const innerW = width - pad.l - pad.r;
  const innerH = height - pad.t - pad.b;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => pad.l + (labels.length <= 1 ? innerW / 2 : (i * innerW) / (labels.length - 1));
  const y = (v: number) => pad.t + innerH - (v / max) * innerH;
  const axis = `<line x1="${pad.l}" y1="${pad.t + innerH}" x2="${width - pad.r}" y2="${pad.t + innerH}" stroke="#999"/><line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${pad.t + innerH}" stroke="#999"/><text x="${pad.l - 6}" y="${pad.t + 8}" text-anchor="end" ${TEXT_STYLE}>${max}</text><text x="${pad.l - 6}" y="${pad.t + innerH}" text-anchor="end" ${TEXT_STYLE}>0</text>`;
  const xLabels = labels
    .map((l, i) => `<text x="${x(i)}" y="${height - 18}" text-anchor="middle" font-size="11" fill="#555">${escapeHtml(l)}</text>`)
    .join('');
  const lines = series
    .map((s) => {
      const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      const dots = s.values.map((v, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${escapeHtml(s.color)}"><title>${escapeHtml(`${s.name} ${labels[i] ?? ''}：${v}`)}</title></circle>`).join('');
      return `<polyline fill="none" stroke="${escapeHtml(s.color)}" stroke-width="2" points="${pts}"/>${dots}`;
    })
    .join('');
  const legend = series
    .map((s, i) => `<rect x="${pad.l + i * 90}" y="${height - 12}" width="10" height="10" fill="${escapeHtml(s.color)}"/><text x="${pad.l + i * 90 + 14}" y="${height - 3}" font-size="11" fill="#333">${escapeHtml(s.name)}</text>`)
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(opts.title)}" viewBox="0 0 ${width} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(opts.title)}</title>${axis}${lines}${xLabels}${legend}</svg>`;
}
