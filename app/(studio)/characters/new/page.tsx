import type { Metadata } from "next";
import { PageHeader } from "@/components/studio/page-header";
import { CharacterForm } from "../character-form";

export const metadata: Metadata = { title: "New character" };

export default function NewCharacterPage() {
  return (
    <>
      <PageHeader title="New character" description="A photo and a few lines about who they are." />
      <CharacterForm />
    </>
  );
}
