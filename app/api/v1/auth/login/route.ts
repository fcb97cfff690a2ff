import { getDb } from "@/db/client";
import { verifyCredentials } from "@/lib/accounts/service";
import { otherMethods } from "@/lib/api/methods";
import { readFormFields, readJson, route } from "@/lib/api/route";
import { clientAddress } from "@/lib/auth/client-address";
import { beginLoginAttempt, loginSucceeded, waitInWords } from "@/lib/auth/login-throttle";
import { issueAccessToken } from "@/lib/auth/tokens";
import { loginInput } from "@/lib/validation/auth";

/** Two short fields: nothing a sign-in sends comes near this. */
const MAX_LOGIN_BYTES = 16 * 1024;

/** OAuth2 password form, as the seeds document it: form fields username + password. */
export const POST = route(async (req) => {
  const type = req.headers.get("content-type") ?? "";
  const fields = type.includes("application/json")
    ? await readJson(req, MAX_LOGIN_BYTES)
    : await readFormFields(req, MAX_LOGIN_BYTES, "Send username and password as application/x-www-form-urlencoded");
  const input = loginInput.parse(fields);
  const db = getDb();
  const address = clientAddress(req.headers);
  const gate = await beginLoginAttempt(db, input.username, address);
  if (!gate.allowed) {
    return Response.json(
      { detail: `Too many failed sign-in attempts; try again in ${waitInWords(gate.retryAfterSeconds)}`, code: "rate_limited" },
      { status: 429, headers: { "Retry-After": String(gate.retryAfterSeconds) } },
    );
  }
  const account = await verifyCredentials(db, input.username, input.password);
  if (!account) {
    return Response.json({ detail: "Incorrect username or password", code: "unauthorized" }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  }
  await loginSucceeded(db, input.username, address);
  const token = await issueAccessToken(account);
  return Response.json({ access_token: token, token_type: "bearer" });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
