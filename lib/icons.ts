// The site icons in public/ (both root layouts, help and admin, declare them). Declared rather than
// left to the browser's guess at /favicon.ico, so every browser finds the SVG and the touch icon.
import type { Metadata } from "next";

export const ICONS: Metadata["icons"] = {
  icon: [
    { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
    { url: "/icon.svg", type: "image/svg+xml" },
  ],
  apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
};
