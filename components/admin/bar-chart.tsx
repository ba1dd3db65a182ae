// New tickets per day as an SVG bar chart; the same numbers follow as a table for screen readers
// and for anyone who wants the exact values.
export function DailyBarChart({ data, title }: { data: { day: string; count: number }[]; title: string }) {
  const max = Math.max(1, ...data.map((d) => d.count));
  const w = 600;
  const h = 160;
  const barW = w / data.length;
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h + 20}`} className="h-auto w-full" role="img" aria-label={`${title}(最大 ${max} 件/日)`}>
        {data.map((d, i) => {
          const bh = Math.round((d.count / max) * h);
          return (
            <g key={d.day}>
              <rect x={i * barW + 2} y={h - bh} width={barW - 4} height={bh} className="fill-brand-600">
                <title>{`${d.day}: ${d.count}件`}</title>
              </rect>
              {i % 5 === 0 ? (
                <text x={i * barW + barW / 2} y={h + 15} textAnchor="middle" className="fill-slate-700 text-[11px]">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1="0" y1={h} x2={w} y2={h} className="stroke-slate-400" />
      </svg>
      <details className="mt-2">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700">表で見る</summary>
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr><th scope="col" className="text-left">日付</th><th scope="col" className="text-right">件数</th></tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.day} className="border-t border-slate-200"><td>{d.day}</td><td className="text-right">{d.count}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
