import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { verifyCredentials } from "@/lib/accounts/service";
import { signInInput } from "@/lib/validation/auth";
import { clientAddress } from "./client-address";
import { beginLoginAttempt, loginSucceeded } from "./login-throttle";
import { endSessions, isSessionCurrent } from "./sessions";

declare module "next-auth" {
  interface Session {
    user: { id: string; workspaceId: string } & DefaultSession["user"];
  }
  interface User {
    workspaceId?: string;
    sessionGeneration?: number;
  }
}

/** A sign-in refused before the password was checked: the form says how long to wait. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) return null;
        const db = getDb();
        const address = clientAddress(request.headers);
        const gate = await beginLoginAttempt(db, parsed.data.email, address);
        if (!gate.allowed) throw new SignInThrottled(gate.retryAfterSeconds);
        const account = await verifyCredentials(db, parsed.data.email, parsed.data.password);
        if (!account) return null;
        await loginSucceeded(db, parsed.data.email, address);
        return { id: account.userId, email: account.email, name: account.name, workspaceId: account.workspaceId, sessionGeneration: account.sessionGeneration };
      },
    }),
  ],
  callbacks: {
    // Runs on every read of the session: one primary-key read decides whether a sign-out, "sign out
    // everywhere" or a password change has ended it since. null clears the cookie.
    async jwt({ token, user }) {
      if (user?.workspaceId) {
        token.wid = user.workspaceId;
        token.gen = user.sessionGeneration ?? 0;
        return token;
      }
      if (!token.sub || !(await isSessionCurrent(getDb(), token.sub, token.gen))) return null;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.workspaceId = token.wid as string;
      return session;
    },
  },
  events: {
    // Whichever way the sign-out came (the studio's action or Auth.js's own route), the cookie it
    // clears could have been copied: every session and access token of the user ends with it.
    async signOut(message) {
      const sub = "token" in message ? message.token?.sub : undefined;
      if (sub) await endSessions(getDb(), sub);
    },
  },
});
