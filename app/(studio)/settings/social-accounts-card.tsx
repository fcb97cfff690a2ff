import { ExternalLink, Radio } from "lucide-react";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { characters, platforms } from "@/db/schema/characters";
import { formatDate } from "@/lib/format";
import { accountProblem, listAccounts } from "@/lib/social/accounts";
import { channelUrl } from "@/lib/social/platforms/channel";
import { platformNames } from "@/lib/social/preflight";
import { clientCredentials, clientEnvNames } from "@/lib/social/registry";
import { DisconnectSocialButton } from "./disconnect-social-button";
import { SETTINGS_SECTIONS, SettingsSection } from "./settings-section";

/** Where posts can go: the built-in channel (always), and each platform's connected accounts or how to connect them. */
export async function SocialAccountsCard({ workspaceId }: { workspaceId: string }) {
  const db = getDb();
  const [accounts, channels] = await Promise.all([
    listAccounts(db, workspaceId),
    db
      .select({ name: characters.name, handle: characters.channelHandle })
      .from(characters)
      .where(and(eq(characters.workspaceId, workspaceId), isNull(characters.deletedAt), isNotNull(characters.channelHandle))),
  ]);
  return (
    <SettingsSection
      section={SETTINGS_SECTIONS.accounts}
      description="Where the calendar publishes. Your channel needs no account; connect a platform to post there too."
    >
      <ul aria-label="Publishing accounts" className="divide-y rounded-lg border">
        <li className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:gap-4 sm:px-4">
          <div className="flex min-w-0 flex-1 items-center gap-2">
            <Radio className="size-4 shrink-0 text-primary" aria-hidden />
            <div className="min-w-0">
              <p className="font-medium">Your channel</p>
              <p className="text-xs text-muted-foreground">
                Public pages with feeds, one per character, made on first publish.
                {channels.length > 0 && " "}
                {channels.map((c, i) => (
                  <span key={c.handle}>
                    {i > 0 && ", "}
                    <a className="text-primary underline-offset-4 hover:underline" href={channelUrl(c.handle!)} target="_blank" rel="noreferrer">
                      /c/{c.handle}
                    </a>
                  </span>
                ))}
              </p>
            </div>
          </div>
          <Badge variant="secondary">Always on</Badge>
        </li>
        {platforms.map((platform) => {
          const name = platformNames[platform];
          const mine = accounts.filter((a) => a.platform === platform);
          const configured = clientCredentials(platform) !== null;
          const env = clientEnvNames(platform);
          return (
            <li key={platform} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:gap-4 sm:px-4">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{name}</p>
                {mine.length === 0 && !configured && (
                  <p className="text-xs break-words text-muted-foreground">
                    Not configured on this server: set {env ? <code className="font-mono">{env.id}</code> : "its client id"} and{" "}
                    {env ? <code className="font-mono">{env.secret}</code> : "secret"} to connect.
                  </p>
                )}
                {mine.length === 0 && configured && <p className="text-xs text-muted-foreground">Not connected.</p>}
                {mine.map((a) => {
                  const problem = accountProblem(a);
                  return (
                    <div key={a.id} className="mt-1 flex flex-wrap items-center gap-2 text-sm">
                      <span className="truncate">{a.handle}</span>
                      {problem ? <Badge variant="destructive">Needs reconnecting</Badge> : <Badge variant="outline">Connected</Badge>}
                      <span className="text-xs text-muted-foreground">since {formatDate(a.connectedAt)}</span>
                      {problem && <span className="w-full text-xs text-destructive">{problem}</span>}
                    </div>
                  );
                })}
              </div>
              <div className="flex shrink-0 flex-wrap gap-2">
                {configured && (
                  <Button asChild size="sm" variant={mine.length ? "outline" : "default"}>
                    <a href={`/api/social/connect/${platform}`}>
                      {mine.length ? "Reconnect" : "Connect"} <ExternalLink className="size-3.5" aria-hidden />
                    </a>
                  </Button>
                )}
                {mine[0] && <DisconnectSocialButton platform={platform} name={name} handle={mine[0].handle} />}
              </div>
            </li>
          );
        })}
      </ul>
    </SettingsSection>
  );
}
