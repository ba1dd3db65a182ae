/**
 * Counts a step view. The step pages are pre-rendered and served from the cache, so the server does
 * not see each visit; a 1x1 image asks /api/views, which counts it (also with JavaScript off).
 * See docs/decisions/0004-help-pages-rendering.md.
 */
export function ViewBeacon({ guideId, stepId }: { guideId: string; stepId: string }) {
  const src = `/api/views?${new URLSearchParams({ guide: guideId, step: stepId })}`;
  return (
    // A plain <img>: next/image would optimise and cache it, and this must hit the route every time.
    // loading="lazy" keeps React from preloading it when a link to the step is merely prefetched
    // (which would count views nobody made); it sits at the top of <main>, so it loads at once.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={src}
      alt=""
      aria-hidden="true"
      width={1}
      height={1}
      loading="lazy"
      className="pointer-events-none absolute left-0 top-0 h-px w-px opacity-0"
    />
  );
}
