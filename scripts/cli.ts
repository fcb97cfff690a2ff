/**
 * Operator commands: npm run cli -- <command> [--flags]
 *   user:create    --email E --password P [--name N]
 *   token:create   --email E [--name N]          prints a new API token once
 *   credits:add    --email E --amount N [--note T]
 *   credits:show   --email E
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { closeDb, getDb } from "../db/client";
import { findAccountByEmail, registerUser } from "../lib/accounts/service";
import { createApiToken } from "../lib/auth/tokens";
import { getBalance, grantCredits } from "../lib/credits/ledger";
import { registerInput } from "../lib/validation/auth";
import { ensureAuthSecret, prepareDatabase } from "./runtime";

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const options = {
  email: { type: "string" },
  password: { type: "string" },
  name: { type: "string" },
  amount: { type: "string" },
  note: { type: "string" },
} as const;
let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>["values"];
try {
  ({ values } = parseArgs({ args: rest, options }));
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
process.env.DATA_DIR = dataDir;
ensureAuthSecret(dataDir);
const embedded = await prepareDatabase(dataDir);
const db = getDb();

async function account() {
  if (!values.email) fail("--email is required");
  const row = await findAccountByEmail(db, values.email);
  if (!row) fail(`no user with email ${values.email}`);
  return row;
}

try {
  switch (command) {
    case "user:create": {
      const input = registerInput.safeParse({ email: values.email, password: values.password, name: values.name });
      if (!input.success) fail(input.error.issues.map((i) => i.message).join("; "));
      const a = await registerUser(db, input.data, { bypassSignupSwitch: true });
      console.log(JSON.stringify({ userId: a.userId, workspaceId: a.workspaceId, email: a.email }));
      break;
    }
    case "token:create": {
      const a = await account();
      const t = await createApiToken(db, { userId: a.user.id, workspaceId: a.workspaceId }, values.name ?? "cli");
      console.log(t.token);
      break;
    }
    case "credits:add": {
      const a = await account();
      const amount = Number(values.amount);
      if (!Number.isInteger(amount) || amount <= 0) fail("--amount must be a positive whole number");
      await grantCredits(db, a.workspaceId, amount, `cli:${randomUUID()}`, values.note ?? "Added by operator");
      console.log(JSON.stringify({ balance: await getBalance(db, a.workspaceId) }));
      break;
    }
    case "credits:show": {
      const a = await account();
      console.log(JSON.stringify({ balance: await getBalance(db, a.workspaceId) }));
      break;
    }
    default:
      fail(`unknown command ${command ?? "(none)"}; try user:create, token:create, credits:add, credits:show`);
  }
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
} finally {
  await closeDb();
  await embedded?.stop();
}
