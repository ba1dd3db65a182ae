// The staff workflow's closed vocabularies (status, priority), with their labels. A guide's answers
// and their labels come from its declaration (content/guides/<id>/guide.json), not from here.
import type { Locale } from "@/lib/i18n";

type Labels<K extends string> = Record<K, { ja: string; en: string }>;

export function vocabulary<const K extends string>(labels: Labels<K>) {
  const values = Object.keys(labels) as [K, ...K[]];
  // Values come from requests and stored rows: an own-property check, so "constructor" is no value.
  const label = (value: string, locale: Locale) => (Object.hasOwn(labels, value) ? (labels as Record<string, { ja: string; en: string }>)[value][locale] : value);
  return { values, labels, label };
}

export const TICKET_STATUS = vocabulary({
  new: { ja: "新規", en: "New" },
  open: { ja: "対応中", en: "Open" },
  waiting: { ja: "回答待ち", en: "Waiting on requester" },
  resolved: { ja: "解決済み", en: "Resolved" },
  closed: { ja: "終了", en: "Closed" },
});

export const TICKET_PRIORITY = vocabulary({
  low: { ja: "低", en: "Low" },
  normal: { ja: "通常", en: "Normal" },
  high: { ja: "高", en: "High" },
  urgent: { ja: "緊急", en: "Urgent" },
});
