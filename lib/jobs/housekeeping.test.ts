// The hourly housekeeping job against the real PostgreSQL: notifications past their retention (read:
// 90 days, any: a year) and help-center visits and searches past 90 days are deleted, nothing newer.
// It runs the task as the queue runs it (lib/jobs/tasks.ts), at the real clock: the rows it makes are
// dated relative to now, and the assertions are about those rows only.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { CRONTAB, TASKS } from "@/lib/jobs/queue";
import { taskList } from "@/lib/jobs/tasks";
import { createStaff, createTicket } from "@/lib/testing/factories";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

describe("housekeeping", () => {
  it("is on the crontab, hourly, as one job however many instances", () => {
    expect(CRONTAB.split("\n")).toContain(`41 * * * * ${TASKS.housekeeping} ?jobKey=${TASKS.housekeeping}&max=3`);
  });

  it("deletes read notifications after 90 days, any after a year, and visits and searches after 90 days", async () => {
    const { user } = await createStaff();
    const { ticket } = await createTicket();
    const note = (createdAt: Date, readAt: Date | null) =>
      db().notification.create({ data: { staffId: user.id, kind: "new_ticket", ticketId: ticket.id, createdAt, readAt }, select: { id: true } });
    const keep = [await note(ago(100), null), await note(ago(100), ago(80)), await note(ago(1), ago(1))];
    const drop = [await note(ago(100), ago(95)), await note(ago(400), null)];

    const session = randomUUID().replace(/-/g, "");
    const visit = (daysAgo: number, stepId: string) =>
      db().stepVisit.create({ data: { sessionHash: session, guideId: "jaist-sso", stepId, day: ago(daysAgo), firstAt: ago(daysAgo), lastAt: ago(daysAgo) } });
    await visit(120, "old");
    await visit(10, "recent");
    const query = `housekeeping-${session}`;
    await db().searchLog.create({ data: { query, locale: "ja", resultCount: 0, source: "page", createdAt: ago(120) } });
    await db().searchLog.create({ data: { query, locale: "ja", resultCount: 0, source: "page", createdAt: ago(10) } });

    await (taskList[TASKS.housekeeping] as () => Promise<void>)();

    const left = await db().notification.findMany({ where: { staffId: user.id }, select: { id: true } });
    expect(left.map((n) => n.id).sort()).toEqual(keep.map((n) => n.id).sort());
    expect(drop.every((d) => !left.some((n) => n.id === d.id))).toBe(true);
    expect((await db().stepVisit.findMany({ where: { sessionHash: session } })).map((v) => v.stepId)).toEqual(["recent"]);
    expect(await db().searchLog.count({ where: { query } })).toBe(1);
  });
});
