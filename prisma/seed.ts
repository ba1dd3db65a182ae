// `npm run db:seed` (and `npm run dev`): idempotent demo data. Run again, it adds nothing twice.
// Reference data (the services of the status banner) comes from migrations, not from here.
import bcrypt from "bcryptjs";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { readContentDir } from "@/lib/content/documents";
import { importContent } from "@/lib/content-store/import-content";
import { hasContentItems } from "@/lib/data/content";
import { CONTENT_DIR } from "@/lib/content";
import { insertTicket } from "@/lib/tickets/create-ticket";
import { buildTicketInput, rng } from "@/lib/testing/factories";

const DEMO_TICKETS = 300;
const DEMO_ADMIN = { email: "admin@example.edu", name: "Demo Admin", password: "tebiki-demo-admin" };
const DEMO_AGENT = { email: "agent@example.edu", name: "Demo Agent", password: "tebiki-demo-agent" };
const DEMO_EDITOR = { email: "editor@example.edu", name: "Demo Editor", password: "tebiki-demo-editor" };

async function main() {
  const production = env().NODE_ENV === "production";
  const prisma = db();

  if (!production) {
    for (const [staff, role] of [[DEMO_ADMIN, "admin"], [DEMO_AGENT, "agent"], [DEMO_EDITOR, "editor"]] as const) {
      await prisma.staffUser.upsert({
        where: { email: staff.email },
        update: {},
        create: { email: staff.email, name: staff.name, role, passwordHash: await bcrypt.hash(staff.password, 10) },
      });
    }
  }

  // The help content: content/ into the database once (docs/decisions/0025); later changes to the
  // files come in with `npm run content:import`, which never overwrites an edit made in the product.
  if (!(await hasContentItems())) {
    const report = await importContent(readContentDir(CONTENT_DIR));
    console.log(`[tebiki] seed: help content imported (${report.added.length} items)`);
  }

  const existing = await prisma.ticket.findMany({
    where: { idempotencyKey: { startsWith: "seed-" } },
    select: { idempotencyKey: true },
  });
  const have = new Set(existing.map((t) => t.idempotencyKey));
  const agents = await prisma.staffUser.findMany({ where: { active: true }, select: { id: true } });
  let created = 0;
  for (let i = 0; i < DEMO_TICKETS; i++) {
    const key = `seed-${i}`;
    if (have.has(key)) continue;
    const r = rng(i + 1);
    const input = buildTicketInput(r);
    const ageMinutes = r.int(5, 60 * 24 * 30);
    const createdAt = new Date(Date.now() - ageMinutes * 60_000);
    const status = r.pick(["new", "new", "open", "open", "waiting", "resolved", "closed"] as const);
    const responded = status !== "new";
    await prisma.$transaction(async (tx) => {
      const { ticket } = await insertTicket(tx, {
        ...input,
        idempotencyKey: key,
        createdAt,
        failedAt: new Date(createdAt.getTime() - r.int(1, 120) * 60_000),
        status,
        priority: r.pick(["low", "normal", "normal", "normal", "high", "urgent"] as const),
        assigneeId: responded && agents.length ? r.pick(agents).id : null,
        firstResponseAt: responded ? new Date(createdAt.getTime() + r.int(10, 600) * 60_000) : null,
        resolvedAt:
          status === "resolved" || status === "closed" ? new Date(createdAt.getTime() + r.int(60, 4000) * 60_000) : null,
      });
      await tx.ticketEvent.updateMany({ where: { ticketId: ticket.id }, data: { createdAt } });
    });
    created++;
  }
  console.log(`[tebiki] seed: ${created} demo ticket(s) added, ${have.size} already there`);
  if (!production) {
    console.log(
      `[tebiki] demo staff login (development only): ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (admin), ` +
        `${DEMO_AGENT.email} / ${DEMO_AGENT.password} (agent), ${DEMO_EDITOR.email} / ${DEMO_EDITOR.password} (editor)`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error("[tebiki] seed failed:", error);
    process.exit(1);
  },
);
