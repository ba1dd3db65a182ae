// Everything the custom server does to a request and its response before Next's handler sees them:
// trustworthy forwarding headers, security headers, compression, and the HTML pages' CSP. Shared by
// server.ts and the tests, so that what the tests check is what production runs.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import compression from "compression";
import { normalizeForwarding } from "@/lib/server/forwarded";
import { applyHtmlPolicy } from "@/lib/server/html-policy";
import { gateProxy } from "@/lib/server/proxy-gate";
import { REQUEST_ID_HEADER } from "@/lib/log-header";
import { CSP_HEADER, contentSecurityPolicy, staticSecurityHeaders } from "@/lib/server/security-headers";

export type PipelineOptions = {
  dev: boolean;
  trustProxy: boolean;
  formActionOrigins?: readonly string[];
  /** Runs right before a response's headers go out (graceful shutdown adds `Connection: close`). */
  beforeHeaders?: (res: ServerResponse) => void;
};

// A compressed event stream would sit in zlib's buffer until enough bytes gather: no live update
// would arrive on time (app/api/admin/live/route.ts also says no-transform, which compression honours).
// A request that accepts no encoding (a load generator, a health check; the reverse proxy asks for
// identity bodies, deploy/nginx.conf) skips the encoding negotiation, 2-3% of a cached page's CPU.
const notEventStream: compression.CompressionFilter = (req, res) =>
  Boolean(req.headers["accept-encoding"]) &&
  !/^text\/event-stream\b/i.test(String(res.getHeader("content-type") ?? "")) &&
  compression.filter(req, res);

// Node warned "MaxListenersExceededWarning: 11 close listeners added to [ServerResponse]" in the e2e
// runs (during server actions): three were ours (compression's release of its stream, the drainer's
// count, and a copy of compression's release), the rest Next's (its router, request adapters, the
// render's writer, after()…), all released with the response, so not a leak. The server now adds two
// and allows a response more than the default 10.
const RESPONSE_MAX_LISTENERS = 32;

export function responsePipeline({ dev, trustProxy, formActionOrigins = [], beforeHeaders }: PipelineOptions) {
  const compress = compression({ filter: notEventStream });
  // The headers that do not depend on the response, built once rather than per request.
  const hashlessPolicy = contentSecurityPolicy({ dev, formActionOrigins });
  const policyFor = (scriptHashes: readonly string[] | undefined) =>
    scriptHashes === undefined ? hashlessPolicy : contentSecurityPolicy({ dev, scriptHashes, formActionOrigins });
  const fixedHeaders = { http: Object.entries(staticSecurityHeaders({ dev, https: false })), https: Object.entries(staticSecurityHeaders({ dev, https: true })) };
  /** `onClose` runs when the response closes (server.ts: the graceful drainer's count). */
  return (req: IncomingMessage, res: ServerResponse, onClose?: () => void) => {
    res.setMaxListeners(RESPONSE_MAX_LISTENERS);
    normalizeForwarding(req, trustProxy);
    // The logs' request id for every request, here rather than in the proxy, which most requests now
    // skip (lib/server/proxy-gate.ts).
    const given = req.headers[REQUEST_ID_HEADER];
    const requestId = typeof given === "string" && given ? given : randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    gateProxy(req);
    const https = req.headers["x-forwarded-proto"] === "https";
    for (const [name, value] of https ? fixedHeaders.https : fixedHeaders.http) res.setHeader(name, value);
    res.setHeader(CSP_HEADER, hashlessPolicy);
    // Ours instead of Next's (next.config.ts compress: false): Next's would compress inside its
    // handler, above the layer that reads a page's HTML to hash its scripts.
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => {});
    // compression (>= 1.8) releases its zlib stream when the response closes, also when the client
    // went away mid-response; it adds that close listener itself.
    if (onClose) res.once("close", onClose);
    applyHtmlPolicy(req, res, policyFor, beforeHeaders && (() => beforeHeaders(res)));
  };
}
