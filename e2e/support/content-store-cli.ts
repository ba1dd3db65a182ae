// Runs one content store use case (lib/content-store/) in a child process for the e2e specs: the e2e
// process never imports lib/db, and the store is server-only, so it runs under the react-server
// condition like the seed. `tsx --conditions=react-server e2e/support/content-store-cli.ts '<json>'`.
import { createItem } from "@/lib/content-store/create-item";
import { ContentConflictError, ContentError } from "@/lib/content-store/errors";
import { publish } from "@/lib/content-store/publish";
import { saveDraft } from "@/lib/content-store/save-draft";
import { closeDb } from "@/lib/db";

type Command =
  | { op: "create"; kind: Parameters<typeof createItem>[0]["kind"]; key: string; data: never; actorId: string | null }
  | { op: "save"; kind: Parameters<typeof saveDraft>[0]["kind"]; key: string; data: never; baseNumber: number; actorId: string }
  | { op: "publish"; kind: Parameters<typeof publish>[0]["kind"]; key: string; number: number; actorId: string | null }
  | { op: "create-publish"; kind: Parameters<typeof createItem>[0]["kind"]; key: string; data: never; actorId: string }
  | { op: "save-publish"; kind: Parameters<typeof saveDraft>[0]["kind"]; key: string; data: never; baseNumber: number; actorId: string };

async function main() {
  const command = JSON.parse(process.argv[2]) as Command;
  switch (command.op) {
    case "create":
      return createItem({ kind: command.kind, key: command.key, data: command.data, actorId: command.actorId });
    case "save":
      return saveDraft({ kind: command.kind, key: command.key, data: command.data, baseNumber: command.baseNumber, note: "e2e", actorId: command.actorId });
    case "publish":
      return publish({ kind: command.kind, key: command.key, number: command.number, actorId: command.actorId });
    // One process for two steps: starting one costs seconds on a busy machine.
    case "create-publish": {
      const { number } = await createItem({ kind: command.kind, key: command.key, data: command.data, actorId: command.actorId });
      return publish({ kind: command.kind, key: command.key, number, actorId: command.actorId });
    }
    case "save-publish": {
      const saved = await saveDraft({ kind: command.kind, key: command.key, data: command.data, baseNumber: command.baseNumber, note: "e2e", actorId: command.actorId });
      return publish({ kind: command.kind, key: command.key, number: saved.number, actorId: command.actorId });
    }
  }
}

main()
  .then(async (result) => {
    process.stdout.write(JSON.stringify(result ?? null));
    await closeDb();
    process.exit(0);
  })
  .catch(async (error) => {
    const detail = error instanceof ContentError || error instanceof ContentConflictError ? JSON.stringify(error) : "";
    process.stderr.write(`${error instanceof Error ? error.message : String(error)} ${detail}`);
    await closeDb().catch(() => {});
    process.exit(1);
  });
