import { dropDatabase, ensureDatabase } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed";

/**
 * `tsx tests/support/s3-seed.ts`: (re)creates DATABASE_URL's database on its server, migrates it
 * and seeds the demo band with this process's storage settings (STORAGE_DRIVER=s3 and S3_*), so its
 * masters and renditions land in that bucket. Run by tests/support/s3-app.ts in a process of its
 * own: settings are read once per process (lib/env.ts), and the caller's own storage stays local.
 */
async function main() {
  const url = new URL(process.env.DATABASE_URL ?? "");
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error("DATABASE_URL must name a database");
  const admin = new URL(url);
  admin.pathname = "/postgres";
  await dropDatabase(admin.toString(), name);
  await ensureDatabase(admin.toString(), name);
  await migrateDatabase(url.toString());
  await seedDemo(url.toString());
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`seeding the s3 database failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
