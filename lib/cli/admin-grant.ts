import { createDb } from "@/db/client";
import { grantOperator, revokeOperator } from "@/lib/auth/operators";
import { fail, log, prepareDatabase } from "./runtime";

/**
 * `npm run admin:grant -- <email>` / `npm run admin:revoke -- <email>`: the only way to give or
 * take the operator role. There is deliberately no web path: whoever can run this on the server
 * already holds the database. Revoking also ends the person's sessions.
 */
async function main() {
  const [mode, email] = process.argv.slice(2);
  if ((mode !== "grant" && mode !== "revoke") || !email?.includes("@"))
    fail(`Usage: npm run admin:${mode === "revoke" ? "revoke" : "grant"} -- <email of an existing account>`);
  const { url, server } = await prepareDatabase("merchtable").catch((error: Error) => fail(error.message));
  const { db, client } = createDb(url, { max: 1 });
  try {
    if (mode === "grant") {
      const result = await grantOperator(db, email);
      if (!result.ok)
        fail(`No account uses ${email}. The person must sign up first (at /signup), then run this again.`);
      log(
        result.alreadyOperator
          ? `${email} is already an operator.`
          : `${email} is now an operator: /admin is open to them.`,
      );
    } else {
      const revoked = await revokeOperator(db, email);
      if (!revoked) fail(`No account uses ${email}: nothing to revoke.`);
      log(`${email} is no longer an operator; their sessions have ended.`);
    }
  } finally {
    await client.end({ timeout: 5 });
    await server?.stop();
  }
}

main();
