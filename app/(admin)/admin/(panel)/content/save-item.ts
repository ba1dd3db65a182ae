// The library's small items (links, topics): save the edited document as a draft version when it
// differs from the head or was edited from an older version (so a conflict is caught), then publish
// it when asked. A refusal is returned for the form to show, with the base number its next post
// builds on: after a refused publish the saved draft is kept, so the form now builds on that draft.
import "server-only";
import type { ContentKind, DocumentOf } from "@/lib/content/documents";
import { publish } from "@/lib/content-store/publish";
import { saveDraft } from "@/lib/content-store/save-draft";
import { refusalOf, type StoreRefusal } from "./problems";

export type SaveItemInput<K extends ContentKind> = {
  kind: K;
  key: string;
  data: DocumentOf<K>;
  /** The head version's document, in the same shape as `data`. */
  head: DocumentOf<K>;
  headNumber: number;
  baseNumber: number;
  note: string;
  actorId: string;
  publish: boolean;
};

export async function saveLibraryItem<K extends ContentKind>(input: SaveItemInput<K>): Promise<{ number: number } | { refusal: StoreRefusal; baseNumber: number }> {
  let number = input.headNumber;
  try {
    if (JSON.stringify(input.data) !== JSON.stringify(input.head) || input.baseNumber !== input.headNumber) {
      number = (await saveDraft({ kind: input.kind, key: input.key, data: input.data, baseNumber: input.baseNumber, note: input.note, actorId: input.actorId })).number;
    }
    if (input.publish) await publish({ kind: input.kind, key: input.key, number, actorId: input.actorId, note: input.note || undefined });
    return { number };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return { refusal, baseNumber: refusal.kind === "conflict" ? input.baseNumber : number };
  }
}
