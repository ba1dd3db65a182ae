// Row labels of the SLA report, shared by its page and its CSV.
import { getGuideDeclaration } from "@/lib/content";
import { TICKET_PRIORITY } from "@/lib/ticket-fields";

export const guideLabel = (id: string) => (id ? (getGuideDeclaration(id)?.catalog.title.ja ?? id) : "ガイドなし(汎用フォーム)");
export const priorityLabel = (p: string) => TICKET_PRIORITY.label(p, "ja");
export const weekLabel = (monday: string) => `${monday.replaceAll("-", "/")} の週`;
export const percentLabel = (p: number | null) => (p === null ? "—" : `${p.toFixed(1)}%`);
