import type { ReactNode } from "react";
import { SECTION_SCROLL_MARGIN } from "@/components/studio/section-nav";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The Settings page's cards, in page order: each card's anchor and title, and the page's jump links. */
export const SETTINGS_SECTIONS = {
  credits: { id: "credits", title: "Credits" },
  accounts: { id: "accounts", title: "Publishing accounts" },
  providers: { id: "providers", title: "Providers" },
  apiTokens: { id: "api-tokens", title: "API tokens" },
  api: { id: "api", title: "API" },
  webhooks: { id: "webhooks", title: "Webhooks" },
  security: { id: "security", title: "Security" },
  account: { id: "account", title: "Account" },
} as const;

/** One card of the Settings page: a region named by its heading, at the anchor (`#id`) its jump links point to. */
export function SettingsSection({
  section: { id, title },
  description,
  className,
  children,
}: {
  section: { id: string; title: string };
  description: ReactNode;
  /** The content's layout (a grid with gaps, usually). */
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card id={id} role="region" aria-labelledby={`${id}-title`} className={SECTION_SCROLL_MARGIN}>
      <CardHeader>
        <CardTitle id={`${id}-title`} role="heading" aria-level={2}>
          {title}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className={className}>{children}</CardContent>
    </Card>
  );
}
