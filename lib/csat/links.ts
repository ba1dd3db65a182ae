// The rating links in a mail: the status link plus /satisfaction?rating=…, so the requester's
// existing secret (only its hash is stored) is the one credential (docs/decisions/0030-csat.md).
import type { CsatScore } from "@/lib/csat/window";

export function csatUrl(statusUrl: string, rating: CsatScore): string {
  return `${statusUrl}/satisfaction?rating=${rating}`;
}

export function csatUrls(statusUrl: string): { goodUrl: string; badUrl: string } {
  return { goodUrl: csatUrl(statusUrl, "good"), badUrl: csatUrl(statusUrl, "bad") };
}
