// The guide's step graph as a server-rendered SVG (no script): boxes link to the step's edit page.
// The drawing scrolls inside its own box, so a phone scrolls the map and never the page; the text
// list under it says the same for screen readers and keyboard users.
import type { MapLayout } from "@/lib/guide-editor/map-layout";

const ARROW = "guide-map-arrow";

export function GuideMap({ layout, hrefOf, titleId }: { layout: MapLayout; hrefOf: (stepId: string) => string; titleId: string }) {
  return (
    <div tabIndex={0} role="region" aria-labelledby={titleId} className="max-h-[75vh] overflow-auto rounded border border-slate-300 bg-white" data-testid="guide-map">
      {/* Links inside are reachable by keyboard; the list below is the same graph as text. */}
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-labelledby={titleId} className="block text-[13px]">
        <defs>
          <marker id={ARROW} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="fill-slate-600" />
          </marker>
        </defs>
        {layout.edges.map((e) => (
          <g key={e.id} data-choice={e.id}>
            <path d={e.path} fill="none" className="stroke-slate-500" strokeWidth={1.5} markerEnd={`url(#${ARROW})`} />
            <g aria-hidden="true">
              <title>{e.fullLabel}</title>
              <rect x={e.labelX - e.labelWidth / 2} y={e.labelY - 10} width={e.labelWidth} height={20} rx={4} className="fill-white stroke-slate-300" />
              <text x={e.labelX} y={e.labelY + 4} textAnchor="middle" className="fill-slate-700">
                {e.label}
              </text>
            </g>
          </g>
        ))}
        {layout.nodes.map((n) => {
          const box = n.problem
            ? "fill-red-50 stroke-red-700"
            : n.contact
              ? "fill-amber-50 stroke-amber-700"
              : n.start
                ? "fill-brand-50 stroke-brand-700"
                : "fill-white stroke-slate-500";
          const tag = n.problem ? "要修正" : n.contact ? "お問い合わせ" : n.start ? "最初" : n.leaf ? "解決確認" : "";
          return (
            <a key={n.id} href={hrefOf(n.id)} data-step={n.id} data-problem={n.problem || undefined} className="focus:outline-none [&:focus>rect]:stroke-[3]">
              <title>{`${n.title}(${n.id})${tag ? ` ・${tag}` : ""}`}</title>
              <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={6} className={box} strokeWidth={n.problem ? 2.5 : 1.5} strokeDasharray={n.problem ? "6 3" : undefined} />
              <text x={n.x + 8} y={n.y + 16} className="fill-slate-600 text-[11px]">
                {n.id}
                {tag ? ` ・${tag}` : ""}
              </text>
              {n.lines.map((line, i) => (
                <text key={i} x={n.x + 8} y={n.y + 34 + i * 18} className="fill-slate-900 font-semibold">
                  {line}
                </text>
              ))}
            </a>
          );
        })}
      </svg>
    </div>
  );
}
