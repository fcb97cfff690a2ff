import { PageSkeleton } from "@/components/studio/page-skeleton";

// Detail pages have no loading boundary on purpose: it would stream a 200 before notFound() can answer 404.
export default PageSkeleton;
