// Charts for the staff reports, rendered on the server as SVG (no client JavaScript; decision 0032):
// a bar chart and a line chart with axes, ticks, axis titles with units, a caption, an aria-label
// that says what the chart shows in words, and the same numbers as a table in a <details> below.
//
// Usage (any report page under /admin/reports/<name> and the dashboard):
//   <BarChart title="1日あたりの新規チケット数" unit="件" xLabel="日付" yLabel="件数"
//     data={rows.map((r) => ({ key: r.day, label: r.day.slice(5).replace("-", "/"), value: r.count }))} />
//   <LineChart title="…" unit="時間" xLabel="…" yLabel="…" categories={[{ key, label }]}
//     series={[{ name: "初回返信", values: [1.5, null, 2] }]} />
// The viewBox is 340 wide so that its 12-unit text is about 11 px at 375 px and grows with the
// column; the SVG scales to its container, so it never causes side scroll.
import { bands, formatNumber, labelStep, linearScale, niceTicks, showLabel } from "@/lib/charts/scale";

const W = 340;
const H = 220;
// The right margin leaves room for half of the last date label, centred under the last bar.
const M = { top: 12, right: 16, bottom: 46, left: 46 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const FONT = 12;

export type BarDatum = { key: string; label: string; value: number };
export type Category = { key: string; label: string };
export type Series = { name: string; values: (number | null)[] };

type Common = {
  title: string;
  /** The y axis' unit, e.g. 件 or 時間; shown in the axis title and in the table's header. */
  unit: string;
  xLabel: string;
  yLabel: string;
  /** Counts: ticks at whole numbers only. */
  integer?: boolean;
};

// Two series at most on one chart; each differs by line pattern and marker too, never by colour alone.
const SERIES_STYLE = [
  { line: "stroke-brand-700", marker: "fill-brand-700", dash: undefined, shape: "circle" as const },
  { line: "stroke-amber-800", marker: "fill-amber-800", dash: "6 4", shape: "square" as const },
  { line: "stroke-slate-800", marker: "fill-slate-800", dash: "2 3", shape: "triangle" as const },
];

function YAxis({ ticks, y, label }: { ticks: number[]; y: (v: number) => number; label: string }) {
  return (
    <g>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className={t === 0 ? "stroke-slate-600" : "stroke-slate-200"} />
          <text x={M.left - 4} y={y(t)} dy="0.32em" textAnchor="end" fontSize={FONT} className="fill-slate-700">
            {formatNumber(t)}
          </text>
        </g>
      ))}
      <text transform={`translate(11 ${M.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle" fontSize={FONT} className="fill-slate-800">
        {label}
      </text>
    </g>
  );
}

function XAxis({ labels, center, xLabel }: { labels: string[]; center: (i: number) => number; xLabel: string }) {
  const step = labelStep(labels.length, PLOT_W, FONT * 4);
  return (
    <g>
      <line x1={M.left} x2={W - M.right} y1={M.top + PLOT_H} y2={M.top + PLOT_H} className="stroke-slate-600" />
      {labels.map((label, i) =>
        showLabel(i, labels.length, step) ? (
          <g key={`${i}-${label}`}>
            <line x1={center(i)} x2={center(i)} y1={M.top + PLOT_H} y2={M.top + PLOT_H + 4} className="stroke-slate-600" />
            <text x={center(i)} y={M.top + PLOT_H + 16} textAnchor="middle" fontSize={FONT} className="fill-slate-700">
              {label}
            </text>
          </g>
        ) : null,
      )}
      <text x={M.left + PLOT_W / 2} y={H - 6} textAnchor="middle" fontSize={FONT} className="fill-slate-800">
        {xLabel}
      </text>
    </g>
  );
}

function Frame({ title, summary, children, table, legend }: { title: string; summary: string; children: React.ReactNode; table: React.ReactNode; legend?: React.ReactNode }) {
  return (
    <figure className="min-w-0">
      <figcaption className="font-semibold">{title}</figcaption>
      {legend}
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-1 block h-auto w-full max-w-2xl" role="img" aria-label={summary}>
        {children}
      </svg>
      <details className="mt-1">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline">表で見る: {title}</summary>
        <div className="overflow-x-auto">{table}</div>
      </details>
    </figure>
  );
}

const axisTitle = (label: string, unit: string) => (unit ? `${label}(${unit})` : label);

export function BarChart({ title, unit, xLabel, yLabel, integer, data }: Common & { data: BarDatum[] }) {
  const values = data.map((d) => d.value);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 4, { integer });
  const y = linearScale([ticks[0], ticks[ticks.length - 1]], [M.top + PLOT_H, M.top]);
  const b = bands(data.length, [M.left, W - M.right]);
  const total = values.reduce((a, v) => a + v, 0);
  const top = data.reduce<BarDatum | null>((best, d) => (best === null || d.value > best.value ? d : best), null);
  const summary = data.length
    ? `${title}: ${data[0].label}〜${data[data.length - 1].label}の${data.length}項目の棒グラフ。合計 ${formatNumber(total)}${unit}、最大 ${formatNumber(top!.value)}${unit}(${top!.label})、最新 ${formatNumber(values[values.length - 1])}${unit}。`
    : `${title}: データがありません。`;
  return (
    <Frame
      title={title}
      summary={summary}
      table={
        <table className="mt-1 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="text-left">{xLabel}</th>
              <th scope="col" className="text-right">{axisTitle(yLabel, unit)}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.key} className="border-t border-slate-200">
                <th scope="row" className="text-left font-normal">{d.label}</th>
                <td className="text-right">{formatNumber(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <YAxis ticks={ticks} y={y} label={axisTitle(yLabel, unit)} />
      {data.map((d, i) => {
        const y0 = y(0);
        const y1 = y(d.value);
        return (
          <rect key={d.key} x={b.start(i)} width={b.bar} y={Math.min(y0, y1)} height={Math.abs(y0 - y1)} className="fill-brand-600">
            <title>{`${d.label}: ${formatNumber(d.value)}${unit}`}</title>
          </rect>
        );
      })}
      <XAxis labels={data.map((d) => d.label)} center={b.center} xLabel={xLabel} />
    </Frame>
  );
}

function Marker({ shape, x, y, className }: { shape: "circle" | "square" | "triangle"; x: number; y: number; className: string }) {
  if (shape === "circle") return <circle cx={x} cy={y} r={2.8} className={className} />;
  if (shape === "square") return <rect x={x - 2.6} y={y - 2.6} width={5.2} height={5.2} className={className} />;
  return <path d={`M${x} ${y - 3.2}L${x + 3.2} ${y + 2.6}L${x - 3.2} ${y + 2.6}Z`} className={className} />;
}

/** Path commands for one series; a null value breaks the line, so a day without data is a gap, not a zero. */
export function linePath(points: ({ x: number; y: number } | null)[]): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function LineChart({ title, unit, xLabel, yLabel, integer, categories, series, format = formatNumber }: Common & { categories: Category[]; series: Series[]; format?: (v: number) => string }) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.min(0, ...all), Math.max(0, ...all), 4, { integer });
  const y = linearScale([ticks[0], ticks[ticks.length - 1]], [M.top + PLOT_H, M.top]);
  const b = bands(categories.length, [M.left, W - M.right], 0);
  const range = categories.length ? `${categories[0].label}〜${categories[categories.length - 1].label}` : "";
  const summary = all.length
    ? `${title}: ${range}の折れ線グラフ。` +
      series
        .map((s) => {
          const present = s.values.filter((v): v is number => v !== null);
          if (!present.length) return `${s.name}: データなし。`;
          const last = [...s.values].reverse().find((v) => v !== null)!;
          return `${s.name}: 最小 ${format(Math.min(...present))}${unit}、最大 ${format(Math.max(...present))}${unit}、最新 ${format(last)}${unit}。`;
        })
        .join("")
    : `${title}: データがありません。`;
  return (
    <Frame
      title={title}
      summary={summary}
      legend={
        <ul className="mt-1 flex flex-wrap gap-x-4 text-sm">
          {series.map((s, i) => {
            const style = SERIES_STYLE[i % SERIES_STYLE.length];
            return (
              <li key={s.name} className="flex items-center gap-1">
                <svg viewBox="0 0 28 10" className="h-3 w-7" aria-hidden="true">
                  <line x1="0" x2="28" y1="5" y2="5" strokeWidth={2} strokeDasharray={style.dash} className={style.line} />
                  <Marker shape={style.shape} x={14} y={5} className={style.marker} />
                </svg>
                {s.name}
              </li>
            );
          })}
        </ul>
      }
      table={
        <table className="mt-1 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="text-left">{xLabel}</th>
              {series.map((s) => (
                <th key={s.name} scope="col" className="text-right">{axisTitle(s.name, unit)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c.key} className="border-t border-slate-200">
                <th scope="row" className="text-left font-normal">{c.label}</th>
                {series.map((s) => (
                  <td key={s.name} className="text-right">{s.values[i] == null ? "—" : format(s.values[i]!)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <YAxis ticks={ticks} y={y} label={axisTitle(yLabel, unit)} />
      {series.map((s, si) => {
        const style = SERIES_STYLE[si % SERIES_STYLE.length];
        const points = s.values.map((v, i) => (v === null ? null : { x: b.center(i), y: y(v) }));
        return (
          <g key={s.name}>
            <path d={linePath(points)} fill="none" strokeWidth={2} strokeDasharray={style.dash} className={style.line} />
            {points.map((p, i) =>
              p ? (
                <g key={categories[i]?.key ?? i}>
                  <Marker shape={style.shape} x={p.x} y={p.y} className={style.marker} />
                  <title>{`${categories[i]?.label}: ${s.name} ${format(s.values[i]!)}${unit}`}</title>
                </g>
              ) : null,
            )}
          </g>
        );
      })}
      <XAxis labels={categories.map((c) => c.label)} center={b.center} xLabel={xLabel} />
    </Frame>
  );
}
