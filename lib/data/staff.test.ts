// Account state against the real database: what deactivation does to sessions that are already open.
import { describe, expect, it } from "vitest";
import { checkAccess } from "@/lib/auth/access";
import { setStaffActive } from "@/lib/data/staff";
import { createStaff } from "@/lib/testing/factories";

describe("deactivating a staff member", () => {
  it("turns away an open session as inactive, and a reactivation does not bring it back", async () => {
    const { user: admin } = await createStaff({ role: "admin" });
    const { user } = await createStaff();
    const session = user.sessionVersion;
    expect((await checkAccess(user.id, "staff", session)).ok).toBe(true);

    await setStaffActive(admin, user.id, false);
    expect(await checkAccess(user.id, "staff", session)).toEqual({ ok: false, reason: "inactive" });

    await setStaffActive(admin, user.id, true);
    expect(await checkAccess(user.id, "staff", session)).toEqual({ ok: false, reason: "anonymous" });
    expect((await checkAccess(user.id, "staff", session + 1)).ok).toBe(true);
  });
});
