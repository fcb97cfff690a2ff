import { PageSkeleton } from "@/components/studio/page-skeleton";

export default PageSkeleton;
