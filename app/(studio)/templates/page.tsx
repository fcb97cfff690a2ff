import { LayoutTemplate } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { getBalance } from "@/lib/credits/ledger";
import { formatDate } from "@/lib/format";
import { listTemplateVariables } from "@/lib/composition/template-variables";
import type { TimelineInput } from "@/lib/composition/timeline";
import { listTemplates } from "@/lib/videos/service";
import { FillFromCsvDialog } from "./fill-dialog";
import { TemplateThumbnail } from "./template-thumbnail";

export const metadata: Metadata = { title: "Templates" };

/** The workspace's templates: each with its first frame, size and {variables}; "Use" opens it in the editor. */
export default async function TemplatesPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const [rows, balance] = await Promise.all([listTemplates(db, p.workspaceId), getBalance(db, p.workspaceId)]);
  return (
    <>
      <PageHeader
        title="Templates"
        description="Videos with {variables} to fill: open one in the editor and fill its variables, or render one video per row of a CSV."
      />
      {rows.length === 0 ? (
        <EmptyState icon={LayoutTemplate} title="No templates yet">
          In the{" "}
          <Link href="/editor" className="text-primary underline-offset-4 hover:underline">
            editor
          </Link>
          , write {"{name}"} where a value changes, then press Save as template.
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] gap-4" aria-label="Templates">
          {rows.map((t) => {
            const vars = listTemplateVariables(t.videoCreative as TimelineInput);
            const scenes = Array.isArray(t.videoCreative.scenes) ? t.videoCreative.scenes.length : 0;
            return (
              <li key={t.id} className="grid min-w-0 content-start gap-2 rounded-lg border bg-card p-3">
                <TemplateThumbnail videoCreative={t.videoCreative} />
                <p className="truncate font-medium">{t.name}</p>
                <p className="text-xs text-muted-foreground">
                  {scenes} scene{scenes === 1 ? "" : "s"} · saved {formatDate(t.createdAt)}
                </p>
                <p className="text-xs break-words text-muted-foreground" data-testid="template-variables">
                  {vars.length ? `Variables: ${vars.map((v) => `{${v}}`).join(", ")}` : "No variables"}
                </p>
                <div className="flex flex-wrap gap-2">
                  <Link
                    href={`/editor?template=${t.id}`}
                    className="inline-flex h-8 w-fit items-center rounded-md bg-primary px-3 text-sm font-medium text-primary-foreground hover:bg-primary/90"
                    aria-label={`Use ${t.name}`}
                  >
                    Use
                  </Link>
                  <FillFromCsvDialog templateId={t.id} name={t.name} variables={vars} balance={balance} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
