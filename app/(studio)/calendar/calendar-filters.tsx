"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { NativeSelect } from "@/components/forms/native-select";
import { postStatuses, publishPlatforms } from "@/db/schema/social";
import type { CharacterChoice } from "@/lib/calendar/types";
import { statusLabels } from "@/lib/calendar/events";
import { platformNames } from "@/lib/social/preflight";

export interface CalendarFilters {
  platform?: string;
  status?: string;
  characterId?: string;
}

/** The filters in the query string (a filtered calendar is a link); a value the page does not know is left out. */
export function useCalendarFilters(characters: CharacterChoice[]): CalendarFilters {
  const sp = useSearchParams();
  const platform = sp.get("platform") ?? "";
  const status = sp.get("status") ?? "";
  const characterId = sp.get("character") ?? "";
  return {
    platform: (publishPlatforms as readonly string[]).includes(platform) ? platform : undefined,
    status: (postStatuses as readonly string[]).includes(status) ? status : undefined,
    characterId: characters.some((c) => String(c.id) === characterId) ? characterId : undefined,
  };
}

export function CalendarFilterBar({ characters, filters }: { characters: CharacterChoice[]; filters: CalendarFilters }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(sp);
    if (value) next.set(key, value);
    else next.delete(key);
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  return (
    <div className="grid grid-cols-1 gap-2 sm:grid-cols-3" role="group" aria-label="Filters">
      <NativeSelect aria-label="Platform" value={filters.platform ?? ""} onChange={(e) => set("platform", e.target.value)}>
        <option value="">All platforms</option>
        {publishPlatforms.map((p) => (
          <option key={p} value={p}>
            {p === "channel" ? "Your channel" : platformNames[p]}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect aria-label="Character" value={filters.characterId ?? ""} onChange={(e) => set("character", e.target.value)}>
        <option value="">All characters</option>
        {characters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect aria-label="Status" value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
        <option value="">All statuses</option>
        {postStatuses.map((s) => (
          <option key={s} value={s}>
            {statusLabels[s]}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
