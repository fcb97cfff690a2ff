import { BookOpen, FileJson, KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { SectionNav } from "@/components/studio/section-nav";
import { getDb } from "@/db/client";
import { latestAccountExport } from "@/lib/accounts/export";
import { signedInUser } from "@/lib/accounts/service";
import { endpointOut } from "@/lib/api/studio/webhooks";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { currentPrincipal } from "@/lib/auth/principal";
import { formatDate } from "@/lib/format";
import { toTaskView } from "@/lib/tasks/view";
import { listEndpoints } from "@/lib/webhooks/service";
import { AccountCard } from "./account-card";
import { CopyButton } from "./copy-button";
import { CreateTokenForm } from "./create-token-form";
import { CreditsCard } from "./credits-card";
import { ProvidersCard } from "./providers-card";
import { RevokeTokenButton } from "./revoke-token-button";
import { SecurityCard } from "./security-card";
import { SETTINGS_SECTIONS, SettingsSection } from "./settings-section";
import { SocialAccountsCard } from "./social-accounts-card";
import { WebhooksCard } from "./webhooks-card";

export const metadata: Metadata = { title: "Settings" };

async function origin() {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}

export default async function SettingsPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const [tokens, endpoints, base, user, lastExport] = await Promise.all([
    listApiTokens(db, p.workspaceId),
    listEndpoints(db, p),
    origin(),
    signedInUser(db, p.userId),
    latestAccountExport(db, p.workspaceId),
  ]);
  const apiBase = `${base}/api/v1`;
  const curl = `curl -H "Authorization: Bearer $CINETWIN_TOKEN" \\\n  ${apiBase}/persons`;

  return (
    <>
      <PageHeader
        title="Settings"
        description="Credits, publishing accounts, AI providers, API access, webhooks, your password and sessions, and your account: name, email, data export and deletion."
      />
      <div className="grid gap-6 lg:grid-cols-[11rem_minmax(0,1fr)]">
        <SectionNav label="Settings sections" sections={Object.values(SETTINGS_SECTIONS)} />
        <div className="grid min-w-0 gap-6">
          <CreditsCard principal={p} />

          <SocialAccountsCard workspaceId={p.workspaceId} />

          <ProvidersCard workspaceId={p.workspaceId} />

          <SettingsSection
            section={SETTINGS_SECTIONS.apiTokens}
            description="Tokens let scripts and integrations use the API as you. Treat them like passwords."
            className="grid gap-6"
          >
            <CreateTokenForm apiBase={apiBase} />
            {tokens.length === 0 ? (
              <EmptyState icon={KeyRound} title="No API tokens yet">
                Create one above to call the API from a script, a CI job or an automation tool.
              </EmptyState>
            ) : (
              <ul aria-label="API tokens" className="min-w-0 divide-y rounded-lg border">
                {tokens.map((t) => (
                  <li key={t.id} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center sm:gap-4 sm:px-4">
                    <div className="min-w-0 flex-1">
                      <p className="truncate font-medium">{t.name}</p>
                      <code className="font-mono text-xs text-muted-foreground">{t.prefix}…</code>
                    </div>
                    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:w-80">
                      <div>
                        <dt className="text-muted-foreground">Created</dt>
                        <dd>
                          <time dateTime={t.createdAt.toISOString()}>{formatDate(t.createdAt)}</time>
                        </dd>
                      </div>
                      <div>
                        <dt className="text-muted-foreground">Last used</dt>
                        <dd>{t.lastUsedAt ? <time dateTime={t.lastUsedAt.toISOString()}>{formatDate(t.lastUsedAt)}</time> : "Never"}</dd>
                      </div>
                    </dl>
                    <div className="sm:shrink-0">
                      <RevokeTokenButton id={t.id} name={t.name} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </SettingsSection>

          <SettingsSection
            section={SETTINGS_SECTIONS.api}
            description={
              <>
                Send a token as <code className="font-mono">Authorization: Bearer ctw_…</code> or <code className="font-mono">X-API-Key: ctw_…</code>.
              </>
            }
            className="grid gap-4"
          >
            <div className="grid gap-1.5">
              <p className="text-sm font-medium" id="api-base-label">
                Base URL
              </p>
              <div className="flex items-center gap-2">
                <code aria-labelledby="api-base-label" className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all">
                  {apiBase}
                </code>
                <CopyButton value={apiBase} label="Copy base URL" />
              </div>
            </div>
            <div className="grid gap-1.5">
              <p className="text-sm font-medium">Example</p>
              <pre className="overflow-x-auto rounded-md border bg-muted px-3 py-2 font-mono text-xs">{curl}</pre>
            </div>
            <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
              <Link href="/docs" className="flex items-center gap-1.5 text-primary underline-offset-4 hover:underline">
                <BookOpen className="size-4" aria-hidden /> API reference
              </Link>
              <a href="/api/openapi.json" className="flex items-center gap-1.5 text-primary underline-offset-4 hover:underline">
                <FileJson className="size-4" aria-hidden /> OpenAPI document (JSON)
              </a>
            </div>
          </SettingsSection>

          {/* endpointOut without withSecret: a secret must never reach the page's payload. */}
          <WebhooksCard endpoints={endpoints.map((e) => endpointOut(e))} />

          <SecurityCard />

          <AccountCard name={user.name} email={user.email} lastExport={lastExport ? toTaskView(lastExport) : null} now={new Date()} />
        </div>
      </div>
    </>
  );
}
