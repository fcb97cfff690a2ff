import { unknownRoute } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

// /api itself and any path under it that no other route serves: a static segment, then a dynamic
// one, always win over a catch-all, so this answers only what would otherwise be Next.js's HTML 404.
export { unknownRoute as GET, unknownRoute as POST, unknownRoute as PUT, unknownRoute as PATCH, unknownRoute as DELETE, unknownRoute as OPTIONS };
