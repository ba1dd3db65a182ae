// Saved views of the ticket list: a name for a normalized list query string, personal or shared
// (decision 0019). Callers check the actor first (lib/auth/guards); who may change a view is
// decided here, in the WHERE of the write.
import "server-only";
import { db } from "@/lib/db";

export const MAX_VIEWS_PER_OWNER = 50;

export type SavedViewRow = { id: string; name: string; query: string; shared: boolean; ownerId: string; ownerName: string; mine: boolean };

/** My views and everyone's shared ones, mine first, each group by name. */
export async function listSavedViews(me: { id: string }): Promise<SavedViewRow[]> {
  const rows = await db().savedView.findMany({
    where: { OR: [{ ownerId: me.id }, { shared: true }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, query: true, shared: true, ownerId: true, owner: { select: { name: true } } },
    take: 200,
  });
  return rows
    .map((v) => ({ id: v.id, name: v.name, query: v.query, shared: v.shared, ownerId: v.ownerId, ownerName: v.owner.name, mine: v.ownerId === me.id }))
    .sort((a, b) => Number(b.mine) - Number(a.mine));
}

/** Null when the owner already has MAX_VIEWS_PER_OWNER views. */
export async function createSavedView(me: { id: string }, input: { name: string; query: string; shared: boolean }) {
  return db().$transaction(async (tx) => {
    // Serializes one owner's creations, so that two tabs cannot both pass the limit.
    await tx.$queryRaw`SELECT "id" FROM "StaffUser" WHERE "id" = ${me.id}::uuid FOR UPDATE`;
    if ((await tx.savedView.count({ where: { ownerId: me.id } })) >= MAX_VIEWS_PER_OWNER) return null;
    return tx.savedView.create({ data: { ownerId: me.id, ...input }, select: { id: true } });
  });
}

/** Who may change a view: its owner; an admin also any shared view (to tidy up after a departure). */
const editableWhere = (me: { id: string; role: string }, id: string) =>
  me.role === "admin" ? { id, OR: [{ ownerId: me.id }, { shared: true }] } : { id, ownerId: me.id };

/** False when the view does not exist or is not this staff member's to change. */
export async function renameSavedView(me: { id: string; role: string }, id: string, name: string): Promise<boolean> {
  const { count } = await db().savedView.updateMany({ where: editableWhere(me, id), data: { name } });
  return count === 1;
}

export async function deleteSavedView(me: { id: string; role: string }, id: string): Promise<boolean> {
  const { count } = await db().savedView.deleteMany({ where: editableWhere(me, id) });
  return count === 1;
}
