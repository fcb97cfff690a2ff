import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { verifyCredentials } from "@/lib/accounts/service";
import { signInInput } from "@/lib/validation/auth";
import { clientAddress } from "./client-address";
import { beginLoginAttempt, loginSucceeded } from "./login-throttle";

declare module "next-auth" {
  interface Session {
    user: { id: string; workspaceId: string } & DefaultSession["user"];
  }
  interface User {
    workspaceId?: string;
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
        if (!(await beginLoginAttempt(db, parsed.data.email, address)).allowed) return null;
        const account = await verifyCredentials(db, parsed.data.email, parsed.data.password);
        if (!account) return null;
        await loginSucceeded(db, parsed.data.email, address);
        return { id: account.userId, email: account.email, name: account.name, workspaceId: account.workspaceId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.workspaceId) token.wid = user.workspaceId;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.workspaceId = token.wid as string;
      return session;
    },
  },
});
