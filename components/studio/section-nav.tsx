/**
 * Jump links to the sections of a long page. On a phone it is one row that scrolls sideways and
 * stays under the page's sticky header (h-14), so a section is a tap away from anywhere; from lg up
 * it is a column beside the content (the parent grid gives it its track). Plain links: the browser
 * scrolls, keyboard and back button included. Sections take `SECTION_SCROLL_MARGIN` so their heading
 * lands below the header and the row.
 */
export function SectionNav({ label, sections }: { label: string; sections: Array<{ id: string; title: string }> }) {
  return (
    <nav
      aria-label={label}
      className="sticky top-14 z-20 -mx-4 min-w-0 border-b bg-background/95 px-4 py-2 sm:-mx-6 sm:px-6 lg:top-20 lg:mx-0 lg:self-start lg:border-0 lg:bg-transparent lg:p-0"
    >
      <ul className="flex gap-2 overflow-x-auto lg:flex-col lg:gap-1 lg:overflow-visible">
        {sections.map((s) => (
          <li key={s.id} className="shrink-0">
            <a
              href={`#${s.id}`}
              className="block rounded-full border px-3 py-1 text-sm whitespace-nowrap text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring lg:rounded-md lg:border-0 lg:py-1.5 lg:whitespace-normal"
            >
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** What a section a SectionNav points at carries: its heading clears the header and, on a phone, the nav's row. */
export const SECTION_SCROLL_MARGIN = "scroll-mt-28 lg:scroll-mt-20";
