"use client";

import { ConfirmButton } from "@/components/studio/confirm-button";
import { revokeApiTokenAction } from "./actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmButton
      trigger="Revoke"
      triggerLabel={`Revoke ${name}`}
      title={`Revoke “${name}”?`}
      description="Anything using this token stops working at once. This cannot be undone."
      confirmLabel="Revoke token"
      success={`“${name}” revoked`}
      action={() => revokeApiTokenAction({ id })}
    />
  );
}
