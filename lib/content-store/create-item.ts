// A new guide, article, link or topic (issue 12): the item and its first draft version. Not public
// until published.
import "server-only";
import { db } from "@/lib/db";
import { ContentKeySchema, type ContentKind, type DocumentOf } from "@/lib/content/documents";
import { draftProblems, type ContentProblem } from "@/lib/content/validate";
import { ContentError } from "@/lib/content-store/errors";
import { recordContentEvent } from "@/lib/content-store/events";
import { publishProblems } from "@/lib/content-store/site";
import { Prisma } from "@/lib/generated/prisma/client";

const KIND_NAMES: Record<ContentKind, string> = { guide: "ガイド", article: "記事", link: "リンク", topic: "トピック" };

export async function createItem<K extends ContentKind>(input: {
  kind: K;
  key: string;
  data: DocumentOf<K>;
  actorId: string | null;
  note?: string;
}): Promise<{ itemId: string; number: number; problems: ContentProblem[] }> {
  const key = ContentKeySchema.safeParse(input.key);
  if (!key.success) throw new ContentError("invalid", [{ where: "キー", message: key.error.issues[0].message }]);
  const refused = await draftProblems(input.kind, input.data);
  if (refused.length) throw new ContentError("unsafe", refused);
  try {
    const itemId = await db().$transaction(async (tx) => {
      const item = await tx.contentItem.create({ data: { kind: input.kind, key: input.key, headNumber: 1 }, select: { id: true } });
      const version = await tx.contentVersion.create({
        data: { itemId: item.id, number: 1, data: input.data as Prisma.InputJsonValue, note: input.note?.trim() ?? "", authorId: input.actorId },
        select: { id: true },
      });
      await recordContentEvent(tx, { itemId: item.id, versionId: version.id, action: "save", actorId: input.actorId, detail: { number: 1, created: true } });
      return item.id;
    });
    return { itemId, number: 1, problems: await publishProblems(input.kind, input.key, input.data) };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ContentError("duplicate", [{ where: "キー", message: `${KIND_NAMES[input.kind]}「${input.key}」はすでにあります` }]);
    }
    throw error;
  }
}
