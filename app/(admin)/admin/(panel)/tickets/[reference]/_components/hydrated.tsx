"use client";
// A field only a hydrated form sends: the action then knows it may answer with state, and a form
// posted without JavaScript gets a redirect instead (post/redirect/get).
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated() {
  return useSyncExternalStore(subscribe, () => true, () => false);
}

export function JsField() {
  return useHydrated() ? <input type="hidden" name="js" value="1" /> : null;
}
