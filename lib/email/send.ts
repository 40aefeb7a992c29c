import { desc } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { DbOrTx } from "@/db/client";
import { outboxEmails } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

/** `headers` reach SMTP only: the dev outbox keeps the visible parts. */
export type Email = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

let transport: Transporter | undefined;

/**
 * Sends through SMTP when SMTP_URL is set. Without it (local runs only: production requires
 * SMTP_URL) the message is kept in the dev outbox shown at /dev/mail.
 */
export async function sendEmail(db: DbOrTx, email: Email): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    transport ??= nodemailer.createTransport(SMTP_URL);
    await transport.sendMail({ from: MAIL_FROM, ...email });
    logger.info({ to: email.to, subject: email.subject }, "email sent");
    return;
  }
  await db.insert(outboxEmails).values({ to: email.to, subject: email.subject, text: email.text, html: email.html });
  logger.info({ to: email.to, subject: email.subject }, "email kept in dev outbox (/dev/mail)");
}

export function outboxEnabled() {
  return !env().SMTP_URL && env().APP_ENV !== "production";
}

export async function listOutbox(db: DbOrTx, limit = 50) {
  return db.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit);
}
