import NextAuth from "next-auth";
import { authOptions, secureCookies } from "@/lib/auth/options";
import { withDatabaseOutage } from "@/lib/database-unavailable";

// Options are built per request: `next build` loads this module without an environment.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions(secureCookies(request.headers)))(request, context);
}

const guarded = withDatabaseOutage(handler);
export { guarded as GET, guarded as POST };
