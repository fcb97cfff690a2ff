"use client";

import { ConfirmButton } from "@/components/studio/confirm-button";
import { signOutEverywhereAction } from "./actions";

export function SignOutEverywhereButton() {
  return (
    <ConfirmButton
      trigger="Sign out everywhere"
      title="Sign out everywhere?"
      description="Every browser signed in to this account, this one included, is signed out, and every access token from /auth/login stops working. API tokens are not affected."
      confirmLabel="Sign out everywhere"
      cancelLabel="Stay signed in"
      success="Signed out everywhere"
      redirectTo="/sign-in"
      action={() => signOutEverywhereAction({})}
    />
  );
}
