import { notFound } from "next/navigation";

// Unknown paths under a locale get that locale's not-found page. No path is pre-rendered and no other
// is allowed, so Next answers 404 before rendering and caches nothing per path (issue 8: rendered on
// demand, each unknown path was written under .next).
export const dynamicParams = false;

export function generateStaticParams(): { rest: string[] }[] {
  return [];
}

export default function CatchAll() {
  notFound();
}
