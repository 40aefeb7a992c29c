import { spawn } from "node:child_process";
import { env } from "@/lib/env";

/** Raised when Debian's ffmpeg is not installed (or FFMPEG_PATH points nowhere). */
export class FfmpegMissingError extends Error {
  constructor(command: string) {
    super(
      `${command} was not found. Install it with: sudo apt-get install -y ffmpeg (or set FFMPEG_PATH / FFPROBE_PATH).`,
    );
    this.name = "FfmpegMissingError";
  }
}

export type RunResult = { code: number; stdout: Buffer; stderr: string };

/**
 * Runs a tool with an argument array (never a shell). stdout is collected unless `onStdout`
 * takes it; stderr keeps its last 8 KB for error messages.
 */
export function runTool(
  command: string,
  args: string[],
  options: { timeoutMs?: number; onStdout?: (chunk: Buffer) => void } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let stderr = "";
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.stdout.on("data", (chunk: Buffer) => (options.onStdout ? options.onStdout(chunk) : out.push(chunk)));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8192);
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === "ENOENT" ? new FfmpegMissingError(command) : error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr });
    });
  });
}

export const ffmpeg = (args: string[], options?: Parameters<typeof runTool>[2]) =>
  runTool(env().FFMPEG_PATH, ["-hide_banner", "-nostdin", "-y", ...args], options);

export const ffprobe = (args: string[]) =>
  runTool(env().FFPROBE_PATH, ["-hide_banner", ...args], { timeoutMs: 60_000 });

/** Fails with a clear message when ffmpeg cannot run. */
export async function assertFfmpeg() {
  const result = await ffmpeg(["-version"]);
  if (result.code !== 0) throw new FfmpegMissingError(env().FFMPEG_PATH);
}
