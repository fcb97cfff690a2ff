import { Search } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";
import type { VideoLibraryFilter, VideoLibraryKind } from "@/lib/validation/video-library";

export const kindLabels: Record<VideoLibraryKind, string> = { story: "Story", timeline: "Timeline", avatar: "Avatar", bulk: "Bulk reel" };

const selectClass = cn(
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-base shadow-xs outline-none md:text-sm dark:bg-input/30",
  "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50",
);

/**
 * A plain GET form: the filter lives in the URL (?q=&kind=&character=), so a filtered list can be
 * shared and the page reads it on the server, with or without JavaScript.
 */
export function VideoFilters({ filter, characters }: { filter: VideoLibraryFilter; characters: Array<{ id: number; name: string }> }) {
  const filtered = Boolean(filter.q || filter.kind || filter.character);
  return (
    <form
      role="search"
      aria-label="Filter videos"
      method="get"
      action="/videos"
      className="mb-6 grid gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-[minmax(0,1fr)_10rem_12rem_auto]"
    >
      <div className="grid gap-1.5">
        <Label htmlFor="videos-q">Name</Label>
        <Input id="videos-q" name="q" type="search" placeholder="Search by name" defaultValue={filter.q ?? ""} maxLength={120} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="videos-kind">Kind</Label>
        <select id="videos-kind" name="kind" defaultValue={filter.kind ?? ""} className={selectClass}>
          <option value="">All kinds</option>
          {Object.entries(kindLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="videos-character">Character</Label>
        <select id="videos-character" name="character" defaultValue={filter.character ? String(filter.character) : ""} className={selectClass}>
          <option value="">All characters</option>
          {characters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <Button type="submit" className="flex-1 sm:flex-none">
          <Search className="size-4" /> Search
        </Button>
        {filtered ? (
          <Button asChild variant="ghost">
            <Link href="/videos">Clear</Link>
          </Button>
        ) : null}
      </div>
    </form>
  );
}
