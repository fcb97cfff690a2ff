"use client";

import {
  CalendarDays,
  LayoutTemplate,
  Captions,
  ChartLine,
  Clapperboard,
  Film,
  Layers,
  LayoutDashboard,
  Settings,
  SquarePen,
  UsersRound,
  WandSparkles,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

/** The studio's areas: making videos, the content work around them (characters, captions, batches), and publishing them. */
export const navGroups: Array<{ label?: string; items: NavItem[] }> = [
  { items: [{ href: "/dashboard", label: "Dashboard", icon: LayoutDashboard }] },
  {
    label: "Create",
    items: [
      { href: "/projects", label: "Projects", icon: Clapperboard },
      { href: "/studio", label: "Studio", icon: WandSparkles },
      { href: "/editor", label: "Editor", icon: SquarePen },
      { href: "/templates", label: "Templates", icon: LayoutTemplate },
      { href: "/videos", label: "Videos", icon: Film },
    ],
  },
  {
    label: "Content",
    items: [
      { href: "/characters", label: "Characters", icon: UsersRound },
      { href: "/captions", label: "Captions", icon: Captions },
      { href: "/bulk", label: "Bulk reels", icon: Layers },
    ],
  },
  {
    label: "Publish",
    items: [
      { href: "/calendar", label: "Calendar", icon: CalendarDays },
      { href: "/analytics", label: "Analytics", icon: ChartLine },
    ],
  },
  { items: [{ href: "/settings", label: "Settings", icon: Settings }] },
];

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Studio" className="grid gap-4">
      {navGroups.map((group, i) => (
        <div
          key={group.label ?? i}
          role={group.label ? "group" : undefined}
          aria-labelledby={group.label ? `nav-${group.label}` : undefined}
          className="grid gap-1"
        >
          {group.label && (
            <p id={`nav-${group.label}`} className="px-3 text-xs font-medium tracking-wide text-muted-foreground/80 uppercase">
              {group.label}
            </p>
          )}
          {group.items.map(({ href, label, icon: Icon }) => {
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <Link
                key={href}
                href={href}
                onClick={onNavigate}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground",
                  active && "bg-primary/10 text-primary hover:bg-primary/15 hover:text-primary",
                )}
              >
                <Icon className="size-4" aria-hidden />
                {label}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
