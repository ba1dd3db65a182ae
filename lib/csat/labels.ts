// The two ratings in the words requesters and staff read (docs/decisions/0030-csat.md).
import type { CsatScore } from "@/lib/csat/window";

export const CSAT_LABEL: Record<CsatScore, { ja: string; en: string }> = {
  good: { ja: "解決しました・満足", en: "Good" },
  bad: { ja: "不満", en: "Bad" },
};

/** Short staff labels (the admin is Japanese only, decision 0005). */
export const CSAT_STAFF_LABEL: Record<CsatScore, string> = { good: "満足", bad: "不満" };

export function csatStaffLabel(value: string | null | undefined): string {
  return value === "good" || value === "bad" ? CSAT_STAFF_LABEL[value] : "未評価";
}
