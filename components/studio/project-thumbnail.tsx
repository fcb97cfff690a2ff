import { Clapperboard } from "lucide-react";
import { signedMediaPath } from "@/lib/storage/media";

/** A project's final-video thumbnail, or a clapperboard until it has one. */
export function ProjectThumbnail({ mediaId }: { mediaId: string | null }) {
  return mediaId ? (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={signedMediaPath(mediaId)} alt="" className="size-full object-cover" />
  ) : (
    <div className="flex size-full items-center justify-center text-muted-foreground">
      <Clapperboard className="size-6" aria-hidden />
    </div>
  );
}
