import { NextResponse, type NextRequest } from "next/server";
import { isSameOrigin, isUnsafeMethod } from "@/lib/auth/same-origin";

/**
 * Refuses a server action (any POST to a page) sent from another origin with a 403, before Next.js
 * sees it. Next.js refuses it too, but answers 500 (a fetch action's response status is set to 500
 * and a form action throws: next/dist/server/app-render/action-handler.js), which reads as our
 * failure rather than the caller's. API routes check their own (lib/auth/principal.ts): there a
 * token request from any origin is fine.
 */
export function proxy(request: NextRequest) {
  if (!isUnsafeMethod(request.method) || isSameOrigin(request.headers)) return NextResponse.next();
  return new NextResponse("Cross-origin request refused: forms and actions of this studio work only from its own pages.\n", {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const config = {
  // Pages only: the API and Auth.js's routes answer for themselves; static files take no writes.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon.ico).*)"],
};
