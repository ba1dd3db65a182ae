import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { ContentDocuments, ContentKind } from "@/lib/content/documents";
import { validateContent, type ContentProblem } from "@/lib/content/validate";
import { loadLiveDocuments } from "@/lib/data/content";

/** The live site with one document in its place: what a publish would make public. */
export function withDocument(site: ContentDocuments, kind: ContentKind, key: string, data: unknown): ContentDocuments {
  return { ...site, [kind]: { ...site[kind], [key]: data } };
}

/** What keeps a document from being published now (the live site as it would be with it). */
export async function publishProblems(
  kind: ContentKind,
  key: string,
  data: unknown,
  client: Prisma.TransactionClient = db(),
): Promise<ContentProblem[]> {
  const site = withDocument(await loadLiveDocuments(client), kind, key, data);
  return validateContent(kind, data, { key, site });
}
