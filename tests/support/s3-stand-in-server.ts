import { startS3StandIn } from "./s3-stand-in";

/**
 * The S3 stand-in (tests/support/s3-stand-in.ts) as a process of its own, objects in memory:
 * `tsx tests/support/s3-stand-in-server.ts [port]` (or S3_STAND_IN_PORT; a free port when neither).
 * Bucket S3_BUCKET (default merchtable-test), secret S3_SECRET_ACCESS_KEY (default test-secret).
 * GET /health answers 200 once it listens, for whatever waits on it. Stops on SIGINT/SIGTERM.
 */
async function main() {
  const given = process.argv[2] ?? process.env.S3_STAND_IN_PORT;
  if (given !== undefined && !/^\d{1,5}$/.test(given)) {
    process.stderr.write(`The S3 stand-in's port must be a number (it is "${given}").\n`);
    process.exit(1);
  }
  const standIn = await startS3StandIn({
    port: given === undefined ? undefined : Number(given),
    bucket: process.env.S3_BUCKET || undefined,
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY || undefined,
  });
  process.stdout.write(`S3 stand-in on ${standIn.url}, bucket ${standIn.bucket}\n`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: Error) => {
  process.stderr.write(`The S3 stand-in could not start: ${error.message}\n`);
  process.exit(1);
});
