/** URLs of the guide editor's pages. */
export function editorHref(guideId: string, sub?: string): string {
  return `/admin/content/guides/${encodeURIComponent(guideId)}${sub ? `/${sub}` : ""}`;
}
