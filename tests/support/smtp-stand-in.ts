import { createServer, type AddressInfo, type Socket } from "node:net";

/**
 * A local stand-in for an SMTP server, enough for nodemailer over plain smtp://: it greets, says
 * OK to every command and keeps each message's raw text, so a test reads the headers a real
 * server would have received. No TLS, no auth, no relaying.
 */
export type SentMail = { from: string; to: string[]; raw: string; headers: Map<string, string> };
export type SmtpStandIn = { url: string; messages: SentMail[]; close: () => Promise<void> };

/** Header names lower-cased; folded lines joined back (RFC 5322 §2.2.3). */
export function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split("\r\n\r\n")[0].replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Replies to RCPT TO for given addresses, e.g. "550 5.1.1 no such mailbox" (a bounce) or "450 4.2.0 try later". */
export type SmtpRefusals = Map<string, string>;

function serve(socket: Socket, messages: SentMail[], refusals: SmtpRefusals) {
  let buffer = "";
  let inData = false;
  let envelope = { from: "", to: [] as string[] };
  socket.setEncoding("utf8");
  socket.write("220 smtp-stand-in ESMTP\r\n");
  socket.on("data", (chunk: string) => {
    buffer += chunk;
    for (;;) {
      if (inData) {
        const end = buffer.indexOf("\r\n.\r\n");
        if (end < 0) return;
        const raw = buffer.slice(0, end + 2).replace(/^\.\./gm, ".");
        buffer = buffer.slice(end + 5);
        inData = false;
        messages.push({ ...envelope, raw, headers: parseHeaders(raw) });
        envelope = { from: "", to: [] };
        socket.write("250 2.0.0 queued\r\n");
        continue;
      }
      const eol = buffer.indexOf("\r\n");
      if (eol < 0) return;
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      const verb = line.slice(0, 4).toUpperCase();
      const address = /<([^>]*)>/.exec(line)?.[1] ?? "";
      if (verb === "EHLO" || verb === "HELO") socket.write("250 smtp-stand-in\r\n");
      else if (verb === "MAIL") {
        envelope.from = address;
        socket.write("250 2.1.0 OK\r\n");
      } else if (verb === "RCPT") {
        const refusal = refusals.get(address.toLowerCase());
        if (refusal) {
          socket.write(`${refusal}\r\n`);
          continue;
        }
        envelope.to.push(address);
        socket.write("250 2.1.5 OK\r\n");
      } else if (verb === "DATA") {
        inData = true;
        socket.write("354 end with <CRLF>.<CRLF>\r\n");
      } else if (verb === "QUIT") return void socket.end("221 2.0.0 bye\r\n");
      else socket.write("250 2.0.0 OK\r\n");
    }
  });
  socket.on("error", () => socket.destroy());
}

export async function startSmtpStandIn(refusals: SmtpRefusals = new Map()): Promise<SmtpStandIn> {
  const messages: SentMail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serve(socket, messages, refusals);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
