/** @jsxRuntime automatic @jsxImportSource react */
// (The pragma keeps the JSX runtime right when `ksbb` runs from a folder without this tsconfig.)
import { formatNumber, formatPercent } from '../../api/format';

/**
 * The report's charts as inline SVG (vector in the PDF): every bar carries its number and every
 * chart its title and legend, so a printed page reads without colour.
 */

export const chartColours = { need: '#b8c4d6', pledged: '#7fb3d5', realised: '#1f5f8b', reached: '#2e7d32', rest: '#e3e8ee', text: '#1d2733', grid: '#c9d1db' };

const FONT = 'KSBB Sans, DejaVu Sans, Arial, sans-serif';

export interface ItemBars {
  label: string;
  unit: string;
  need: number;
  pledged: number;
  realised: number;
}

/**
 * Komitmen and realisasi of each item type (with the need as a marker where one is recorded), each
 * row on its own scale: item types have their own units and are never compared with each other.
 */
export function ItemChart({ title, items, legend }: { title: string; items: readonly ItemBars[]; legend: { pledged: string; realised: string; need: string } }) {
  const width = 680;
  const labelWidth = 190;
  const valueWidth = 120;
  const barArea = width - labelWidth - valueWidth;
  const rowHeight = 38;
  const top = 44;
  const height = top + items.length * rowHeight + 8;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} fontFamily={FONT} className="chart">
      <text x={0} y={14} fontSize={13} fontWeight="bold" fill={chartColours.text}>
        {title}
      </text>
      <g transform="translate(0 24)" fontSize={10} fill={chartColours.text}>
        <rect x={0} y={0} width={12} height={9} fill={chartColours.pledged} />
        <text x={16} y={8}>{legend.pledged}</text>
        <rect x={120} y={0} width={12} height={9} fill={chartColours.realised} />
        <text x={136} y={8}>{legend.realised}</text>
        <rect x={240} y={-1} width={2} height={11} fill={chartColours.text} />
        <text x={246} y={8}>{legend.need}</text>
      </g>
      {items.map((item, i) => {
        const y = top + i * rowHeight;
        const max = Math.max(item.pledged, item.realised, item.need, 1);
        const scale = (v: number) => (v / max) * barArea;
        return (
          <g key={item.label} transform={`translate(0 ${y})`}>
            <text x={0} y={13} fontSize={11} fill={chartColours.text}>
              {item.label}
            </text>
            <text x={0} y={27} fontSize={9} fill="#5b6675">
              {item.unit}
            </text>
            <rect x={labelWidth} y={3} width={barArea} height={26} fill="#f4f6f9" />
            <rect x={labelWidth} y={4} width={scale(item.pledged)} height={11} fill={chartColours.pledged} />
            <rect x={labelWidth} y={17} width={scale(item.realised)} height={11} fill={chartColours.realised} />
            {item.need > 0 ? <rect x={labelWidth + scale(item.need) - 1} y={1} width={2} height={30} fill={chartColours.text} /> : null}
            <text x={width} y={13} fontSize={10} textAnchor="end" fill={chartColours.text}>
              {formatNumber(item.pledged)}
            </text>
            <text x={width} y={27} fontSize={10} textAnchor="end" fontWeight="bold" fill={chartColours.text}>
              {formatNumber(item.realised)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface ReachBar {
  label: string;
  reached: number;
  total: number;
  caption: string;
}

/** Kelurahan reached out of all kelurahan, per kota: one shared 0–100 % scale. */
export function ReachChart({ title, bars }: { title: string; bars: readonly ReachBar[] }) {
  const width = 680;
  const labelWidth = 150;
  const captionWidth = 170;
  const barArea = width - labelWidth - captionWidth;
  const rowHeight = 26;
  const top = 28;
  const height = top + bars.length * rowHeight + 22;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} fontFamily={FONT} className="chart">
      <text x={0} y={14} fontSize={13} fontWeight="bold" fill={chartColours.text}>
        {title}
      </text>
      {bars.map((bar, i) => {
        const y = top + i * rowHeight;
        const share = bar.total > 0 ? bar.reached / bar.total : 0;
        return (
          <g key={bar.label} transform={`translate(0 ${y})`}>
            <text x={0} y={14} fontSize={11} fill={chartColours.text}>
              {bar.label}
            </text>
            <rect x={labelWidth} y={3} width={barArea} height={15} fill={chartColours.rest} />
            <rect x={labelWidth} y={3} width={share * barArea} height={15} fill={chartColours.reached} />
            <text x={labelWidth + barArea + 8} y={14} fontSize={10} fill={chartColours.text}>
              {`${bar.caption} (${formatPercent(share)})`}
            </text>
          </g>
        );
      })}
      {[0, 0.5, 1].map((tick) => (
        <text key={tick} x={labelWidth + tick * barArea} y={height - 6} fontSize={9} textAnchor={tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle'} fill="#5b6675">
          {formatPercent(tick)}
        </text>
      ))}
    </svg>
  );
}
