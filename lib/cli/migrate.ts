import { fail, log, prepareDatabase } from "./runtime";

/** `npm run db:migrate`: applies committed migrations to DATABASE_URL (or the embedded database). */
async function main() {
  const { server } = await prepareDatabase("merchtable").catch((error: Error) => fail(error.message));
  log("migrations applied");
  await server?.stop();
}

main();
