import type { CsatCounts } from "@/lib/csat/window";

/** Good % of the rated and response rate (rated / resolved); null where there is nothing to divide by. */
export function csatRates(c: CsatCounts): { goodPercent: number | null; responsePercent: number | null } {
  return {
    goodPercent: c.rated ? Math.round((c.good / c.rated) * 100) : null,
    responsePercent: c.resolved ? Math.round((c.rated / c.resolved) * 100) : null,
  };
}

export const percent = (value: number | null) => (value === null ? "—" : `${value}%`);
