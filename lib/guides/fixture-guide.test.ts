// Adding a guide is a content-only change (issue 9): a fixture guide (lib/testing/fixtures/guides/
// printer), copied into a copy of content/ that TEBIKI_CONTENT_DIR points at, appears in the catalog,
// walks, files tickets with its own fields, and shows in the staff filters, the detail's labels, the
// CSV's answer columns and the dashboard, with no code naming it. (In a browser: not yet, see 0015.)
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";

const temp = await vi.hoisted(async () => {
  const { cpSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const dir = mkdtempSync(path.join(tmpdir(), "content-"));
  cpSync(path.join(process.cwd(), "content"), dir, { recursive: true });
  cpSync(path.join(process.cwd(), "lib/testing/fixtures/guides/printer"), path.join(dir, "guides", "printer"), { recursive: true });
  process.env.TEBIKI_CONTENT_DIR = dir;
  return dir;
});

import { rmSync } from "node:fs";
import { getGuide, getStepTitle, listGuideIds } from "@/lib/content";
import { db } from "@/lib/db";
import { openTicketBreakdown, incidentHints } from "@/lib/data/dashboard";
import { stepDeflection } from "@/lib/data/deflection";
import { recordStepVisit } from "@/lib/data/step-visits";
import { reportWindow } from "@/lib/insight/window";
import { listTickets } from "@/lib/data/ticket-list";
import { answerFields, describeAnswers, readAnswers } from "@/lib/guides/answers";
import { genericForm } from "@/lib/guides/generic-form";
import { allWalks, endStep } from "@/lib/guide-graph";
import { submitIntake } from "@/lib/intake/submit";
import { formatJstDateTime } from "@/lib/jst";
import { createStaff } from "@/lib/testing/factories";
import { TicketFilterSchema } from "@/lib/validation/triage";

afterAll(() => {
  // The next test file in this worker reads the real content/ again.
  delete process.env.TEBIKI_CONTENT_DIR;
  rmSync(temp, { recursive: true, force: true });
});

const ip = () => `203.0.113.${randomUUID()}`;
const body = (over: Record<string, unknown>) => ({
  name: "印刷 太郎",
  username: "s2466666",
  affiliation: "student",
  email: `printer.${randomUUID().slice(0, 8)}@example.com`,
  failedAt: formatJstDateTime(new Date(Date.now() - 600_000)),
  description: "印刷ボタンを押しても何も出てきません。",
  guide: "printer",
  ...over,
});

describe("a guide added as content only", () => {
  it("is in the catalog and the generic form's topics, and walks to its contact step", () => {
    expect(listGuideIds()).toContain("printer");
    const guide = getGuide("printer")!;
    expect(guide.catalog.title.ja).toBe("印刷できない(テスト用)");
    expect(answerFields(genericForm()).find((f) => f.key === "topic")?.options?.map((o) => o.value)).toContain("contact");
    const walks = allWalks(guide).filter((w) => endStep(w) === guide.contactStep).map((w) => w.choices.join(","));
    expect(walks.sort()).toEqual(["nothing-happens", "paper-jam,jam-still"]);
    expect(getStepTitle("printer", "jam", "ja")).toBe("PRN-1. Clear the jam");
  });

  it("files tickets with its own fields under its own prefix, and refuses what its form does not allow", async () => {
    const refused = await submitIntake({ raw: body({ walk: "paper-jam,jam-still" }), ip: ip(), locale: "ja" });
    expect(refused.kind === "invalid" && refused.errors).toEqual({ room: ["入力してください。"] });

    const tag = randomUUID().slice(0, 8);
    const session = `session-${tag}`;
    await recordStepVisit(session, "printer", "jam");
    const out = await submitIntake({ raw: body({ walk: "paper-jam,jam-still", room: `I-${tag}`, tried: ["step0", "jam", "restart"], description: `紙が詰まります ${tag}` }), ip: ip(), locale: "ja", helpSessionHash: session });
    expect(out.kind).toBe("created");
    if (out.kind !== "created") return;
    expect(out.reference).toMatch(/^PRN-\d{4}-\d{6}$/);
    const ticket = await db().ticket.findUniqueOrThrow({ where: { reference: out.reference } });
    expect(ticket).toMatchObject({ guideId: "printer", endStep: "jam", answers: { problem: "paper-jam", room: `I-${tag}`, tried: ["step0", "jam", "restart"] } });
    // Its staff detail reads the answers in its own words.
    expect(describeAnswers(getGuide("printer"), readAnswers(ticket.answers), "ja", (s) => getStepTitle("printer", s, "ja"))).toEqual([
      { key: "problem", label: "症状", value: "紙詰まり" },
      { key: "room", label: "プリンタのある部屋", value: `I-${tag}` },
      { key: "tried", label: "試したこと", value: "PRN-0. What happens / PRN-1. Clear the jam / 再起動" },
    ]);

    // Staff find it by its guide and by its own answer; the dashboard counts it.
    const { user } = await createStaff();
    const rows = async (raw: Record<string, string>) => (await listTickets(user, TicketFilterSchema.parse({ status: "all", q: tag, ...raw }))).rows.map((r) => r.reference);
    expect(await rows({ guide: "printer", "a.problem": "paper-jam" })).toEqual([out.reference]);
    expect(await rows({ guide: "printer", "a.problem": "nothing" })).toEqual([]);
    expect((await openTicketBreakdown()).byGuide.find((g) => g.guideId === "printer")?.count).toBeGreaterThanOrEqual(1);
    const deflection = await stepDeflection("printer", reportWindow(7));
    expect(deflection.map((r) => r.stepId)).toEqual(["step0", "jam", "contact"]);
    expect(deflection.find((r) => r.stepId === "jam")?.ticketed).toBeGreaterThanOrEqual(1);
    // Its incident field groups its tickets.
    const hints = await incidentHints(new Date(), 1);
    expect(hints.some((h) => h.guideId === "printer" && h.answers.problem === "paper-jam")).toBe(true);
  });
});
