"use client";
// The screenshot picker. With JavaScript a file over the limit is refused as soon as it is chosen:
// sent anyway, it could exceed the server's request size limit and the typed form would be lost.
import { useState } from "react";
import { MAX_SCREENSHOT_BYTES } from "@/lib/image-type";

export function ScreenshotInput({
  id,
  describedBy,
  invalid,
  tooLargeText,
}: {
  id: string;
  describedBy: string[];
  invalid: boolean;
  tooLargeText: string;
}) {
  const [tooLarge, setTooLarge] = useState(false);
  const sizeId = `${id}-size`;
  return (
    <>
      <input
        id={id}
        type="file"
        name="screenshot"
        accept="image/png,image/jpeg,image/webp"
        aria-describedby={[...describedBy, tooLarge ? sizeId : ""].filter(Boolean).join(" ") || undefined}
        aria-invalid={invalid || tooLarge ? true : undefined}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          const over = Boolean(file && file.size > MAX_SCREENSHOT_BYTES);
          if (over) event.currentTarget.value = "";
          setTooLarge(over);
        }}
        className="block min-h-11 w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-500 file:bg-slate-100 file:px-3"
      />
      {tooLarge ? (
        <p id={sizeId} role="alert" className="mt-1 text-sm font-medium text-red-700">
          {tooLargeText}
        </p>
      ) : null}
    </>
  );
}
