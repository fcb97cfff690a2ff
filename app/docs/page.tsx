import { BookOpen, FileJson, KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { SECTION_SCROLL_MARGIN, SectionNav } from "@/components/studio/section-nav";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { openApiDocument } from "@/lib/api/openapi";
import type { JsonSchema } from "@/lib/api/openapi/registry";
import { cn } from "@/lib/utils";
import { FieldTable, fieldRows, notesOf, typeLabel } from "./schema-fields";

export const metadata: Metadata = { title: "API reference" };

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: { "application/json": { schema: JsonSchema } } }>;
}

const methodStyle: Record<string, string> = {
  get: "bg-sky-500/15 text-sky-700 dark:text-sky-300",
  post: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  put: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  patch: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  delete: "bg-rose-500/15 text-rose-700 dark:text-rose-300",
};

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

async function origin() {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
}

/** Public, server-rendered reference built from the same document as /api/openapi.json. */
export default async function ApiDocsPage() {
  const doc = openApiDocument(await origin());
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Operation })));
  const groups = doc.tags.map((t) => ({ ...t, ops: ops.filter((o) => o.op.tags.includes(t.name)) })).filter((g) => g.ops.length);

  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/85 px-4 backdrop-blur sm:px-6">
        <BookOpen className="size-5 text-primary" aria-hidden />
        <span className="font-semibold">Cinetwin API</span>
        <nav aria-label="Links" className="ml-auto flex items-center gap-1 text-sm sm:gap-3">
          <a
            href="/api/openapi.json"
            className="flex items-center gap-1.5 rounded-md px-2 py-1 hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
          >
            <FileJson className="size-4" aria-hidden />
            <span className="hidden sm:inline">openapi.json</span>
            <span className="sr-only sm:hidden">OpenAPI document</span>
          </a>
          <Link href="/settings" className="flex items-center gap-1.5 rounded-md px-2 py-1 hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring">
            <KeyRound className="size-4" aria-hidden />
            <span className="hidden sm:inline">API tokens</span>
            <span className="sr-only sm:hidden">API tokens</span>
          </Link>
          <ThemeToggle />
        </nav>
      </header>

      <div className="mx-auto grid max-w-6xl gap-8 p-4 sm:p-6 lg:grid-cols-[12rem_1fr]">
        <SectionNav label="Endpoint groups" sections={groups.map((g) => ({ id: slug(g.name), title: g.name }))} />

        <main className="min-w-0 space-y-10">
          <section className="space-y-3">
            <h1 className="text-3xl font-semibold tracking-tight">{doc.info.title}</h1>
            <p className="text-muted-foreground">
              Base URL <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-sm">{doc.servers[0].url}</code> · OpenAPI {doc.openapi} · version{" "}
              {doc.info.version}
            </p>
            <div className="space-y-2 rounded-xl border bg-card p-4 text-sm">
              <h2 className="font-medium">Authentication</h2>
              <p className="text-muted-foreground">
                Create an API token under{" "}
                <Link href="/settings" className="text-primary underline-offset-4 hover:underline">
                  Settings → API tokens
                </Link>{" "}
                and send it as <code className="font-mono">Authorization: Bearer ctw_…</code> or <code className="font-mono">X-API-Key: ctw_…</code>. An access
                token from <code className="font-mono">POST /api/v1/auth/login</code> works as a Bearer token too. Endpoints marked <em>public</em> need no
                credentials.
              </p>
              <p className="text-muted-foreground">
                Errors are JSON: <code className="font-mono">{`{ "detail": "…" }`}</code>, with <code className="font-mono">errors</code> listing each invalid
                field on a 400.
              </p>
            </div>
          </section>

          {groups.map((g) => (
            <section key={g.name} id={slug(g.name)} aria-labelledby={`${slug(g.name)}-title`} className={cn(SECTION_SCROLL_MARGIN, "space-y-4")}>
              <div>
                <h2 id={`${slug(g.name)}-title`} className="text-xl font-semibold">
                  {g.name}
                </h2>
                <p className="text-sm text-muted-foreground">{g.description}</p>
              </div>
              {g.ops.map(({ path, method, op }) => (
                <OperationCard key={`${method} ${path}`} path={path} method={method} op={op} />
              ))}
            </section>
          ))}
        </main>
      </div>
    </div>
  );
}

function OperationCard({ path, method, op }: { path: string; method: string; op: Operation }) {
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  return (
    <article id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="scroll-mt-20 space-y-4 rounded-xl border bg-card p-4 sm:p-5">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className={cn("rounded-md px-2 py-0.5 font-mono text-xs font-semibold uppercase", methodStyle[method])}>{method}</span>
          <code className="font-mono text-sm break-all">{path}</code>
          {op.security?.length === 0 ? <span className="rounded-md border px-2 py-0.5 text-xs text-muted-foreground">public</span> : null}
        </div>
        <h3 id={`${op.operationId}-title`} className="font-medium">
          {op.summary}
        </h3>
        {op.description ? <p className="text-sm text-muted-foreground">{op.description}</p> : null}
      </header>

      {op.parameters?.length ? (
        <div className="space-y-2">
          <h4 className="text-sm font-medium">Parameters</h4>
          <FieldTable
            caption={`Parameters of ${method.toUpperCase()} ${path}`}
            rows={op.parameters.map((p) => ({
              name: `${p.name} (${p.in})`,
              type: typeLabel(p.schema),
              required: p.required,
              notes: [...(p.description ? [p.description] : []), ...notesOf(p.schema)],
            }))}
          />
        </div>
      ) : null}

      {body ? (
        <div className="space-y-2">
          <h4 className="text-sm font-medium">
            Request body <span className="font-mono text-xs font-normal text-muted-foreground">{body[0]}</span>
          </h4>
          <FieldTable caption={`Request body of ${method.toUpperCase()} ${path}`} rows={fieldRows(body[1].schema)} />
        </div>
      ) : null}

      <div className="space-y-2">
        <h4 className="text-sm font-medium">Responses</h4>
        <ul className="divide-y rounded-lg border text-sm">
          {Object.entries(op.responses).map(([code, r]) => {
            const schema = r.content?.["application/json"].schema;
            const rows = schema && !schema.$ref ? fieldRows(schema) : [];
            return (
              <li key={code} className="space-y-2 px-3 py-2">
                <div className="flex gap-3">
                  <span
                    className={cn(
                      "w-10 shrink-0 font-mono font-semibold",
                      Number(code) < 300 ? "text-emerald-600 dark:text-emerald-400" : "text-muted-foreground",
                    )}
                  >
                    {code}
                  </span>
                  <span className="text-muted-foreground">
                    {r.description}
                    {schema?.$ref ? <span className="font-mono text-xs"> · {typeLabel(schema)}</span> : null}
                    {schema?.type === "array" ? <span className="font-mono text-xs"> · array</span> : null}
                  </span>
                </div>
                {rows.length ? (
                  <details className="group">
                    <summary className="cursor-pointer text-xs text-primary underline-offset-4 hover:underline">Response fields</summary>
                    <div className="pt-2">
                      <FieldTable caption={`${code} response of ${method.toUpperCase()} ${path}`} rows={rows} />
                    </div>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </article>
  );
}
