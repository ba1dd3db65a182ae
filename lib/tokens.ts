import { createHash, randomBytes } from "node:crypto";

/** A random 128-bit token for a secret link, and the hash that is all the database keeps. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(16).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
