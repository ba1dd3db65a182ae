import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "../../globals.css";
import { ICONS } from "@/lib/icons";

export const metadata: Metadata = { title: { default: "Tebiki 管理", template: "%s | Tebiki 管理" }, robots: { index: false }, icons: ICONS };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// The staff UI is Japanese (docs/decisions/0005-admin-ui-language.md); requester text keeps its own
// language through lang attributes where it is shown.
export default function AdminRootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ja">
      <body className="min-h-screen bg-slate-50 text-slate-900">{children}</body>
    </html>
  );
}
