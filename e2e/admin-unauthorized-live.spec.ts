// Unauthorized access to the live updates (issue 10, part C): no stream and no presence report
// without an active staff session, and an open stream ends when its account is deactivated.
import { expect, test } from "@playwright/test";
import { createStaffUser, createTicket, login, setActive } from "./support/admin";

const HEADER_TRICKS: Record<string, string>[] = [
  {},
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
];

test("anonymous: no stream and no presence report, whatever the headers", async ({ request }) => {
  const ticket = await createTicket();
  for (const headers of HEADER_TRICKS) {
    for (const path of ["/api/admin/live", `/api/admin/live?ticket=${ticket.id}`]) {
      const response = await request.get(path, { headers: { ...headers, accept: "text/event-stream" }, maxRedirects: 0 });
      expect(response.status(), `${path} ${JSON.stringify(headers)}`).toBe(401);
      expect(response.headers()["content-type"]).not.toContain("text/event-stream");
    }
    const posted = await request.post("/api/admin/live/presence", { headers, data: { ticketId: ticket.id }, maxRedirects: 0 });
    expect(posted.status()).toBe(401);
  }
});

test("deactivated: the open stream is closed, and neither a new one nor a presence report is allowed", async ({ page }) => {
  const agent = await createStaffUser();
  const ticket = await createTicket();
  await login(page, agent, `/admin/tickets/${ticket.reference}`);
  await page.evaluate((ticketId) => {
    const source = new EventSource(`/api/admin/live?ticket=${ticketId}`);
    const seen: string[] = [];
    source.addEventListener("open", () => seen.push("open"));
    source.addEventListener("end", () => seen.push("end"));
    (window as unknown as { probe: { source: EventSource; seen: string[] } }).probe = { source, seen };
  }, ticket.id);
  const probe = () =>
    page.evaluate(() => {
      const { source, seen } = (window as unknown as { probe: { source: EventSource; seen: string[] } }).probe;
      return { seen: [...new Set(seen)], state: source.readyState };
    });
  await expect.poll(probe).toEqual({ seen: ["open"], state: 1 });
  expect((await page.request.post("/api/admin/live/presence", { data: { ticketId: ticket.id } })).status()).toBe(204);

  await setActive(agent.id, false);
  // The server says "end" and closes; the browser's own retry is then refused (state 2: closed).
  await expect.poll(probe, { timeout: 20_000 }).toEqual({ seen: ["open", "end"], state: 2 });
  expect((await page.request.get(`/api/admin/live?ticket=${ticket.id}`)).status()).toBe(401);
  expect((await page.request.post("/api/admin/live/presence", { data: { ticketId: ticket.id } })).status()).toBe(401);
});

test("bad input: a malformed ticket id or presence body is refused with 400, not a 500", async ({ page }) => {
  const agent = await createStaffUser();
  await login(page, agent, "/admin/tickets");
  expect((await page.request.get("/api/admin/live?ticket=not-a-ticket")).status()).toBe(400);
  expect((await page.request.post("/api/admin/live/presence", { data: { ticketId: "x" } })).status()).toBe(400);
  expect((await page.request.post("/api/admin/live/presence", { data: "not json", headers: { "content-type": "application/json" } })).status()).toBe(400);
});
