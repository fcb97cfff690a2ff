import { Skeleton } from "@/components/ui/skeleton";

/** The Studio's shape while it loads: scenes and the scene on the left, the canvas and Render on the right. */
export default function StudioLoading() {
  return (
    <div className="grid gap-6" aria-busy="true" aria-label="Loading the studio">
      <div className="space-y-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className="grid content-start gap-6">
          <Skeleton className="h-40 w-full rounded-xl" />
          <Skeleton className="h-96 w-full rounded-xl" />
        </div>
        <div className="grid content-start gap-6">
          <Skeleton className="mx-auto aspect-[9/16] max-h-[62vh] w-full max-w-[calc(62vh*9/16)] rounded-xl" />
          <Skeleton className="h-40 w-full rounded-xl" />
        </div>
      </div>
    </div>
  );
}
