import { randomBytes } from "node:crypto";
import pg from "pg";

/** Every database the tests create starts with this, so a run can drop what an interrupted one left. */
export const TEST_DB_PREFIX = "cinetwin_test";
/** Migrated once per run by lib/test/global-setup.ts; never connected to afterwards, so it can be copied. */
export const TEST_TEMPLATE_DB = `${TEST_DB_PREFIX}_template`;

/** Creates a fresh, migrated database (a copy of the template) and returns its name. */
export async function createTestDatabase(adminUrl: string): Promise<string> {
  const name = `${TEST_DB_PREFIX}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Copying needs the template to have no sessions; another file's copy in progress is one, briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${TEST_TEMPLATE_DB}`);
        return name;
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
}
