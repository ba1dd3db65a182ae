"use client";
// Keeps a staff view current without a reload (docs/decisions/0020-live-updates.md): the server's
// event stream says that something changed; the page re-reads itself through router.refresh(), which
// re-renders the server components and leaves client state alone (the text in the reply and note
// boxes, ticked rows, the scroll position). On a ticket's page it also shows who else is there.
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState } from "react";
import { REPLYING_REPORT_MS, type PresenceView, type TicketChange } from "@/lib/live/messages";

/** Coalesces a burst of changes (a bulk update) into one refresh. */
const REFRESH_DELAY_MS = 300;
const RETRY_MIN_MS = 5_000;
const RETRY_MAX_MS = 60_000;
/**
 * A change this staff member made from this page shortly after it submitted a form is already on the
 * page: the server action's answer re-rendered it (revalidatePath). Refreshing again right behind the
 * action is not only redundant: under CPU load it can leave the action's own update uncommitted, the
 * button stuck on "saving" (vercel/next.js#86055, #98303; seen in our e2e run at load 19).
 */
const OWN_ACTION_MS = 15_000;

/**
 * `renderedAt`: when the server rendered the page, so that a change made since is not missed; `me`: the
 * viewing staff member, whose own changes right after a form submit on this page need no refresh.
 */
export function LiveUpdates({ ticketId, renderedAt, me }: { ticketId?: string; renderedAt: number; me: string }) {
  const router = useRouter();
  const [presence, setPresence] = useState<PresenceView>({ viewing: [], replying: [] });

  useEffect(() => {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let retryMs = RETRY_MIN_MS;
    let stopped = false;
    let submittedAt = -Infinity;
    const onSubmit = () => {
      submittedAt = Date.now();
    };
    document.addEventListener("submit", onSubmit, true);
    const onTicket = (event: Event) => {
      let change: TicketChange | null = null;
      try {
        change = JSON.parse((event as MessageEvent<string>).data) as TicketChange;
      } catch {
        // Unreadable: refresh to be safe.
      }
      if (change?.actorId === me && Date.now() - submittedAt < OWN_ACTION_MS) return;
      refresh();
    };
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => startTransition(() => router.refresh()), REFRESH_DELAY_MS);
    };
    const connect = (reconnecting: boolean) => {
      const query = new URLSearchParams(ticketId ? { ticket: ticketId } : {});
      // A first connection asks for what changed since the render; a reconnection re-reads anyway.
      if (!reconnecting) query.set("since", String(renderedAt));
      source = new EventSource(`/api/admin/live?${query}`);
      source.addEventListener("open", () => {
        retryMs = RETRY_MIN_MS;
        // A new EventSource has no Last-Event-ID to resume from: re-read what may have been missed.
        if (reconnecting) refresh();
      });
      source.addEventListener("ticket", onTicket);
      // The server could not replay what this page missed while disconnected: re-read everything.
      source.addEventListener("resync", refresh);
      source.addEventListener("presence", (event) => {
        try {
          setPresence(JSON.parse((event as MessageEvent<string>).data) as PresenceView);
        } catch {
          // A malformed event changes nothing on screen.
        }
      });
      // The account may no longer use the stream (deactivated, signed out): do not reconnect.
      source.addEventListener("end", () => {
        stopped = true;
        source?.close();
      });
      source.addEventListener("error", () => {
        // EventSource retries a dropped stream by itself, but gives up on an error status (a 503
        // while the database is down): try again later, more and more slowly.
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        retry = setTimeout(() => connect(true), retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      });
    };
    connect(false);
    return () => {
      stopped = true;
      document.removeEventListener("submit", onSubmit, true);
      clearTimeout(timer);
      clearTimeout(retry);
      source?.close();
    };
    // renderedAt changes with every refresh: the stream is kept, not reopened, so it is left out.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticketId, router, me]);

  useEffect(() => {
    if (!ticketId) return;
    let last = 0;
    const onInput = (event: Event) => {
      const box = event.target;
      if (!(box instanceof HTMLTextAreaElement) || box.id !== "reply-body" || !box.value.trim()) return;
      const now = Date.now();
      if (now - last < REPLYING_REPORT_MS) return;
      last = now;
      fetch("/api/admin/live/presence", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ticketId }),
      }).catch(() => {
        // Presence is a courtesy: a lost report only hides the typing hint for a few seconds.
      });
    };
    document.addEventListener("input", onInput);
    return () => document.removeEventListener("input", onInput);
  }, [ticketId]);

  if (!ticketId) return null;
  const names = (list: { name: string }[]) => list.map((s) => s.name).join("、");
  return (
    <div aria-live="polite" data-testid="presence" className="mt-1 text-sm text-slate-700">
      {presence.viewing.length ? <p>このチケットを表示中: {names(presence.viewing)}</p> : null}
      {presence.replying.length ? <p className="font-semibold text-orange-800">返信を入力中: {names(presence.replying)}</p> : null}
    </div>
  );
}
