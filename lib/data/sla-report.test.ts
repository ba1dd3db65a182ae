// SLA attainment over real tickets, on a week far from other tests' tickets (June 2030).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rereadClock } from "@/lib/clock";
import { getSlaReport } from "@/lib/data/sla-report";
import { changeStatus } from "@/lib/tickets/change-properties";
import { addReply } from "@/lib/tickets/reply";
import { createStaff, createTicket } from "@/lib/testing/factories";

const jst = (local: string) => new Date(`${local}+09:00`);
let dir: string;
function setClock(local: string) {
  writeFileSync(process.env.TEBIKI_TEST_CLOCK_FILE!, jst(local).toISOString());
  rereadClock();
}
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sla-report-"));
  process.env.TEBIKI_TEST_CLOCK_FILE = path.join(dir, "clock");
});
afterAll(() => {
  delete process.env.TEBIKI_TEST_CLOCK_FILE;
  rereadClock();
  rmSync(dir, { recursive: true, force: true });
});

describe("SLA attainment", () => {
  it("counts met and breached targets per week, guide and priority, and leaves running ones out", async () => {
    const { user } = await createStaff();
    const actor = { id: user.id, name: user.name };
    const guideId = "jaist-sso";
    // Monday 10 June 2030, 9:00. Urgent: first response by 10:00, resolution by Tuesday 9:00.
    const { ticket: met } = await createTicket({ priority: "urgent", guideId, createdAt: jst("2030-06-10T09:00:00") });
    await createTicket({ priority: "urgent", guideId, createdAt: jst("2030-06-10T09:00:00") });
    setClock("2030-06-10T09:30:00");
    await addReply(actor, met.id, "ご案内します。", "keep");
    setClock("2030-06-10T10:00:00");
    await changeStatus(actor, met.id, "resolved");
    // Wednesday 12 June 9:59, due at 13:59: still running when the report is read at 10:00.
    await createTicket({ priority: "normal", guideId, createdAt: jst("2030-06-12T09:59:00") });

    const report = await getSlaReport(jst("2030-06-12T10:00:00"), 1);
    expect(report.since).toEqual(jst("2030-06-10T00:00:00"));
    expect(report.weeks).toEqual([
      {
        key: "2030-06-10",
        firstResponse: { targets: 3, met: 1, breached: 1, percent: 50 },
        resolution: { targets: 3, met: 1, breached: 1, percent: 50 },
      },
    ]);
    expect(report.priorities.find((r) => r.key === "urgent")?.firstResponse).toEqual({ targets: 2, met: 1, breached: 1, percent: 50 });
    expect(report.priorities.find((r) => r.key === "normal")?.firstResponse).toEqual({ targets: 1, met: 0, breached: 0, percent: null });
    expect(report.guides).toEqual([expect.objectContaining({ key: guideId })]);
  });
});
