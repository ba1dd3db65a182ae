import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { AdminHeader } from "@/components/admin/admin-nav";
import { csrfCookieName, csrfTokenFromCookie } from "@/lib/auth/csrf";
import { requireStaff } from "@/lib/auth/guards";
import { countHeldInboundMail } from "@/lib/data/inbound-mail";
import { countUnreadNotifications } from "@/lib/data/notifications";

// For the eyes only (the menu, the name): every page, action and route below checks on its own.
export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff();
  const csrf = csrfTokenFromCookie((await cookies()).get(csrfCookieName(await headers()))?.value);
  const [unread, heldMail] = await Promise.all([countUnreadNotifications(user), countHeldInboundMail()]);
  return (
    <>
      <AdminHeader user={user} csrfToken={csrf} unreadCount={unread} heldMailCount={heldMail} />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
