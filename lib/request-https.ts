// Whether the current request reached us over https: directly (TLS on our socket) or through the
// trusted proxy. The custom server (lib/server/forwarded.ts) leaves exactly one trustworthy value in
// X-Forwarded-Proto, so this only reads it.
export function isHttpsRequest(headers: Headers): boolean {
  return headers.get("x-forwarded-proto")?.split(",").at(-1)?.trim().toLowerCase() === "https";
}
