"use client";

import { Trash2 } from "lucide-react";
import { ConfirmButton } from "@/components/studio/confirm-button";
import { deleteCharacterAction } from "../actions";

export function DeleteCharacterButton({ id, name }: { id: number; name: string }) {
  return (
    <ConfirmButton
      size="default"
      trigger={
        <>
          <Trash2 className="size-4" /> Delete
        </>
      }
      title={`Delete ${name}?`}
      description="Their projects and videos stay, but new stories can no longer use this character. This cannot be undone."
      confirmLabel="Delete"
      success={`${name} deleted`}
      redirectTo="/characters"
      action={() => deleteCharacterAction({ id })}
    />
  );
}
