/** Refuses to run against anything but a local database: e2e tests create and delete data freely. */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (url) {
    const host = new URL(url).hostname;
    if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`e2e refuses a non-local database (${host})`);
  }
}
