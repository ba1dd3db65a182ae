// The guide map's geometry: steps as boxes, choices as labelled arrows, laid out top to bottom by
// dagre (a layered-graph layout, so the walk reads downwards like the guide). Pure and synchronous,
// so the page renders the SVG on the server and ships no script for it.
import dagre from "@dagrejs/dagre";
import type { Guide } from "@/lib/guide-graph";

export type MapNode = { id: string; x: number; y: number; width: number; height: number; lines: string[]; title: string; start: boolean; contact: boolean; leaf: boolean; problem: boolean };
export type MapEdge = { id: string; from: string; to: string; path: string; label: string; fullLabel: string; labelX: number; labelY: number; labelWidth: number };
export type MapLayout = { width: number; height: number; nodes: MapNode[]; edges: MapEdge[] };

const NODE_WIDTH = 176;
const LINE_HEIGHT = 18;
const CHAR_EM = 13; // px of one full-width character at the map's font size
const MAX_LINES = 3;
const LABEL_MAX = 10; // full-width characters of a choice label on the arrow; the whole one is its <title>
const MARGIN = 16;

/** Width of a character in full-width units: CJK and full-width forms count 1, the rest about half. */
function charWidth(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 1 : 0.55;
}

/** Cuts text into lines of at most `max` full-width units, the last one ending in "…" when cut. */
export function wrapText(text: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (width + w > max) {
      lines.push(line);
      if (lines.length === maxLines) {
        lines[maxLines - 1] = `${[...lines[maxLines - 1]].slice(0, -1).join("")}…`;
        return lines;
      }
      line = "";
      width = 0;
    }
    line += ch;
    width += w;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

function textWidth(text: string): number {
  return [...text].reduce((sum, ch) => sum + charWidth(ch), 0) * CHAR_EM;
}

export function layoutGuideMap(guide: Guide, titles: Record<string, string>, choiceLabels: Record<string, string>, problemSteps: ReadonlySet<string>): MapLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 24, ranksep: 56, edgesep: 12, marginx: MARGIN, marginy: MARGIN });
  const nodes = new Map<string, Omit<MapNode, "x" | "y">>();
  for (const [id, step] of Object.entries(guide.steps)) {
    const title = titles[id] || step.label;
    const lines = wrapText(title, Math.floor((NODE_WIDTH - 16) / CHAR_EM), MAX_LINES);
    const height = 28 + lines.length * LINE_HEIGHT;
    nodes.set(id, { id, width: NODE_WIDTH, height, lines, title, start: id === guide.start, contact: Boolean(step.contact), leaf: Boolean(step.leaf), problem: problemSteps.has(id) });
    g.setNode(id, { width: NODE_WIDTH, height });
  }
  const edgeLabels = new Map<string, { label: string; full: string }>();
  for (const [id, step] of Object.entries(guide.steps)) {
    for (const choice of step.choices) {
      // A target that does not exist still gets a box (marked as a problem) so the arrow has an end.
      if (!nodes.has(choice.to)) {
        nodes.set(choice.to, { id: choice.to, width: NODE_WIDTH, height: 46, lines: [`(なし) ${choice.to}`], title: choice.to, start: false, contact: false, leaf: false, problem: true });
        g.setNode(choice.to, { width: NODE_WIDTH, height: 46 });
      }
      const full = choiceLabels[choice.id] || choice.id;
      const label = wrapText(full, LABEL_MAX, 1)[0];
      edgeLabels.set(choice.id, { label, full });
      g.setEdge(id, choice.to, { width: textWidth(label) + 8, height: LINE_HEIGHT, labelpos: "c" }, choice.id);
    }
  }
  dagre.layout(g);

  const laidNodes: MapNode[] = [...nodes.values()].map((n) => {
    const { x, y } = g.node(n.id);
    return { ...n, x: x - n.width / 2, y: y - n.height / 2 };
  });
  const edges: MapEdge[] = g.edges().map((e) => {
    const edge = g.edge(e);
    const points: { x: number; y: number }[] = edge.points ?? [];
    const path = points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    const text = edgeLabels.get(e.name!)!;
    return { id: e.name!, from: e.v, to: e.w, path, label: text.label, fullLabel: text.full, labelX: edge.x ?? 0, labelY: edge.y ?? 0, labelWidth: edge.width ?? 0 };
  });
  const graph = g.graph();
  return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), nodes: laidNodes, edges };
}
