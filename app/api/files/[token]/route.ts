import { fileResponse } from "@/lib/storage";

export const runtime = "nodejs";

/**
 * The local driver's signed file addresses (lib/storage/file-token.ts). `npm start` answers them
 * before Next (lib/cli/server.ts) so Content-Length reaches the browser; this route answers the
 * same under `next dev` and any other runtime.
 */
export async function GET(request: Request, { params }: RouteContext<"/api/files/[token]">) {
  return fileResponse(request, (await params).token);
}

export const HEAD = GET;
