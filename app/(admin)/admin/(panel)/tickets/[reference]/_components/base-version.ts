"use client";
// The version a staff form sends is the one the agent started from (decision 0018). The page updates
// itself when anyone changes the ticket (decision 0020), so the page's version alone would let a form
// the agent began before a change go through as if they had seen it: an untouched form follows the
// page; a touched one keeps the version it was touched at, until the server answers it.
import { useState } from "react";

export function useBaseVersion(pageVersion: number, answer: unknown) {
  const [base, setBase] = useState(pageVersion);
  const [touched, setTouched] = useState(false);
  const [answered, setAnswered] = useState(answer);
  // Adjusting state while rendering (React's documented pattern for state derived from props).
  if (answered !== answer) {
    setAnswered(answer);
    setTouched(false);
    setBase(pageVersion);
  } else if (!touched && base !== pageVersion) {
    setBase(pageVersion);
  }
  return {
    base,
    /** Touched, and the ticket changed since: saving will be refused with what changed. */
    moved: touched && base !== pageVersion,
    touch: () => setTouched(true),
  };
}
