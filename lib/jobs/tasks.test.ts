// Which tasks an instance's worker takes (decision 0029, round 2): without SMTP_URL (as in this test
// run) it has no mail transport, so it neither takes "mail:deliver" jobs nor puts them on its crontab
// or its start jobs; everything else it still runs.
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { crontabFor, TASKS } from "@/lib/jobs/queue";
import { instanceTaskList, taskList } from "@/lib/jobs/tasks";

describe("the tasks of an instance", () => {
  it("leaves mail delivery to instances with SMTP", () => {
    expect(env().SMTP_URL).toBeUndefined();
    const tasks = instanceTaskList();
    expect(Object.keys(tasks).sort()).toEqual(Object.keys(taskList).filter((t) => t !== TASKS.deliverMail).sort());
    const crontab = crontabFor(tasks);
    expect(crontab).not.toContain(TASKS.deliverMail);
    expect(crontab).toContain(TASKS.housekeeping);
    expect(crontab).toContain(TASKS.pruneRateLimits);
    // With the task (an instance with SMTP, scripts/worker.ts with SMTP_URL), its minute's line is there.
    expect(crontabFor(taskList)).toContain(`* * * * * ${TASKS.deliverMail} `);
  });
});
