// `npm run worker` (tsx scripts/with-db.ts --migrate -- node --conditions=react-server --import tsx scripts/worker.ts)
//
// The job queue's worker alone (docs/decisions/0029-job-queue.md): the same jobs the app instances
// run (mail delivery, SLA alerts, pruning), without the web server. Run it beside instances started
// with JOB_WORKER=false to keep jobs off the web processes, or beside ordinary instances to add one
// more worker: a job still runs once. SIGTERM/SIGINT let the jobs in progress finish, then exit 0.
import { env } from "@/lib/env";
import { startJobQueue, stopJobQueue } from "@/lib/jobs/queue";
import { instanceTaskList } from "@/lib/jobs/tasks";
import { runWorkerProcess } from "./run-process";

runWorkerProcess(
  "job worker process",
  async () => {
    env();
    await startJobQueue(instanceTaskList(), { concurrency: Number(process.env.JOB_CONCURRENCY ?? 2) });
  },
  stopJobQueue,
);
