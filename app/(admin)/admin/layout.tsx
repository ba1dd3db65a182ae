import type { Metadata } from "next";
import type { ReactNode } from "react";
import "../../globals.css";

export const metadata: Metadata = { title: { default: "Tebiki Admin", template: "%s | Tebiki Admin" }, robots: { index: false } };

export default function AdminRootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50">{children}</body>
    </html>
  );
}
