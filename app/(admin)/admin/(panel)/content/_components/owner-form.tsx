// The owner and review-by date of an item (freshness, issue 12). A plain form: works without JS.
import { buttonClass, inputClass } from "@/components/admin/format";
import type { LibraryKind } from "../paths";
import { setOwnerAction } from "../actions";

export function OwnerForm({
  kind,
  itemKey,
  ownerId,
  reviewBy,
  owners,
  returnTo,
}: {
  kind: LibraryKind;
  itemKey: string;
  ownerId: string | null;
  reviewBy: Date | null;
  owners: { id: string; name: string }[];
  returnTo: string;
}) {
  const known = !ownerId || owners.some((o) => o.id === ownerId);
  return (
    <form action={setOwnerAction} className="grid gap-3 rounded border border-slate-300 bg-white p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label="担当者と見直し期限">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="key" value={itemKey} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <div>
        <label htmlFor="owner" className="block font-medium">担当者</label>
        <select id="owner" name="ownerId" defaultValue={ownerId ?? ""} className={inputClass}>
          <option value="">(なし)</option>
          {!known ? <option value={ownerId!}>(無効になったアカウント)</option> : null}
          {owners.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="review-by" className="block font-medium">見直し期限</label>
        <input id="review-by" name="reviewBy" type="date" defaultValue={reviewBy ? reviewBy.toISOString().slice(0, 10) : ""} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass}>担当者と期限を保存</button>
    </form>
  );
}
