import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createBillingStandIn } from "./stripe-billing-stand-in";

/**
 * A local stand-in for the parts of the Stripe HTTP API Merchtable calls: Checkout Sessions
 * (create, retrieve), PaymentIntents (retrieve), Refunds (create), Accounts (create, retrieve),
 * Account Links (create), Transfers and their reversals (create); Stripe Billing (subscription checkouts, subscriptions, invoices,
 * portal sessions) lives in ./stripe-billing-stand-in. It speaks what the real SDK sends (form-encoded bodies with
 * bracketed keys, Bearer key, Idempotency-Key) and answers JSON shaped like Stripe's objects.
 * A repeated idempotency key replays the first answer; the same key with other parameters is
 * refused, as Stripe does. Every request is recorded for assertions.
 */
export type Params = { [key: string]: string | Params | Params[] | string[] };
export type RecordedRequest = {
  method: string;
  path: string;
  body: Params;
  query: Params;
  headers: Record<string, string | undefined>;
};
type StripeObject = Record<string, unknown> & { id: string };
type Answer = { status: number; body: unknown };

const id = (prefix: string) => `${prefix}_test_${randomBytes(10).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** `line_items[0][price_data][currency]=eur` → { line_items: [{ price_data: { currency: "eur" } }] } */
export function parseStripeForm(text: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) {
        node[part] = value;
        return;
      }
      node[part] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}

const error = (status: number, message: string, type = "invalid_request_error"): Answer => ({
  status,
  body: { error: { type, message } },
});
const int = (value: unknown) => Number(value ?? 0);

export async function startStripeStandIn() {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, StripeObject>();
  const paymentIntents = new Map<string, StripeObject>();
  const charges = new Map<string, StripeObject>();
  const accounts = new Map<string, StripeObject>();
  const transfers = new Map<string, StripeObject>();
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  const billing = createBillingStandIn(sessions);

  function createSession(body: Params): Answer {
    const expiresAt = int(body.expires_at || now() + 86_400);
    if (expiresAt < now() + 30 * 60 || expiresAt > now() + 24 * 3600) {
      return error(
        400,
        "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
      );
    }
    const lines = (body.line_items ?? []) as Params[];
    const subtotal = lines.reduce(
      (sum, line) => sum + int((line.price_data as Params).unit_amount) * int(line.quantity),
      0,
    );
    const shippingRate = ((body.shipping_options ?? []) as Params[])[0]?.shipping_rate_data as Params | undefined;
    const shipping = int((shippingRate?.fixed_amount as Params | undefined)?.amount);
    const session: StripeObject = {
      id: id("cs"),
      object: "checkout.session",
      mode: body.mode,
      status: "open",
      payment_status: "unpaid",
      url: "",
      currency: (lines[0]?.price_data as Params | undefined)?.currency ?? "eur",
      amount_subtotal: subtotal,
      amount_total: subtotal + shipping,
      total_details: { amount_discount: 0, amount_shipping: shipping, amount_tax: 0 },
      automatic_tax: { enabled: (body.automatic_tax as Params | undefined)?.enabled === "true", status: null },
      // Stripe Tax finds VAT within inclusive prices; it adds exclusive tax on top.
      tax_inclusive: lines.some((line) => (line.price_data as Params).tax_behavior === "inclusive"),
      client_reference_id: body.client_reference_id ?? null,
      customer_email: body.customer_email ?? null,
      customer_details: null,
      collected_information: null,
      metadata: body.metadata ?? {},
      payment_intent: null,
      expires_at: expiresAt,
      locale: body.locale ?? null,
      success_url: body.success_url ?? null,
      cancel_url: body.cancel_url ?? null,
      created: now(),
      livemode: false,
    };
    session.url = `https://checkout.stripe.test/c/pay/${session.id}`;
    sessions.set(session.id, session);
    billing.sessionCreated(session, body);
    return { status: 200, body: session };
  }

  function withExpansions(object: StripeObject, query: Params): StripeObject {
    const expand = Object.values((query.expand ?? []) as string[]);
    const copy: StripeObject = { ...object };
    if (expand.includes("payment_intent") && typeof copy.payment_intent === "string")
      copy.payment_intent = paymentIntents.get(copy.payment_intent) ?? null;
    if (expand.includes("latest_charge") && typeof copy.latest_charge === "string")
      copy.latest_charge = charges.get(copy.latest_charge) ?? null;
    return copy;
  }

  function createRefund(body: Params): Answer {
    const intent = paymentIntents.get(String(body.payment_intent));
    if (!intent) return error(404, `No such payment_intent: '${body.payment_intent}'`);
    const charge = charges.get(String(intent.latest_charge))!;
    const amount = body.amount ? int(body.amount) : int(charge.amount) - int(charge.amount_refunded);
    if (int(charge.amount_refunded) + amount > int(charge.amount)) {
      return error(400, `Refund amount (${amount}) is greater than unrefunded amount on charge.`);
    }
    charge.amount_refunded = int(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const refund = {
      id: id("re"),
      object: "refund",
      amount,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: intent.id,
      status: "succeeded",
      metadata: body.metadata ?? {},
      created: now(),
    };
    return { status: 200, body: refund };
  }

  function createAccount(body: Params): Answer {
    const account: StripeObject = {
      id: id("acct"),
      object: "account",
      type: body.type ?? "standard",
      country: body.country ?? "FR",
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: {},
      metadata: body.metadata ?? {},
      created: now(),
    };
    accounts.set(account.id, account);
    return { status: 200, body: account };
  }

  /** Connect transfers (a band's share of credit spent at it) and their reversals. */
  function createTransfer(body: Params): Answer {
    const amount = int(body.amount);
    if (amount <= 0) return error(400, "This value must be greater than or equal to 1.");
    if (!accounts.has(String(body.destination))) return error(404, `No such destination: '${body.destination}'`);
    const transfer: StripeObject = {
      id: id("tr"),
      object: "transfer",
      amount,
      amount_reversed: 0,
      currency: body.currency,
      destination: body.destination,
      transfer_group: body.transfer_group ?? null,
      metadata: body.metadata ?? {},
      reversed: false,
      created: now(),
    };
    transfers.set(transfer.id, transfer);
    return { status: 200, body: transfer };
  }

  function createReversal(transferId: string, body: Params): Answer {
    const transfer = transfers.get(transferId);
    if (!transfer) return error(404, `No such transfer: '${transferId}'`);
    const amount = body.amount ? int(body.amount) : int(transfer.amount) - int(transfer.amount_reversed);
    if (int(transfer.amount_reversed) + amount > int(transfer.amount))
      return error(400, "Reversal amount is greater than the amount left on the transfer.");
    transfer.amount_reversed = int(transfer.amount_reversed) + amount;
    transfer.reversed = transfer.amount_reversed === transfer.amount;
    return {
      status: 200,
      body: { id: id("trr"), object: "transfer_reversal", amount, transfer: transferId, metadata: body.metadata ?? {} },
    };
  }

  function route(method: string, path: string, body: Params, query: Params): Answer {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/transfers") return createTransfer(body);
    if (method === "POST" && (m = path.match(/^\/v1\/transfers\/([^/]+)\/reversals$/)))
      return createReversal(m[1], body);
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(body);
    if (method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const session = sessions.get(m[1]);
      return session
        ? { status: 200, body: withExpansions(session, query) }
        : error(404, `No such checkout.session: '${m[1]}'`);
    }
    if (method === "POST" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) {
      const session = sessions.get(m[1]);
      if (!session) return error(404, `No such checkout.session: '${m[1]}'`);
      if (session.status !== "open")
        return error(400, `Only Checkout Sessions with a status in ["open"] can be expired.`);
      session.status = "expired";
      return { status: 200, body: session };
    }
    if (method === "GET" && (m = path.match(/^\/v1\/payment_intents\/([^/]+)$/))) {
      const intent = paymentIntents.get(m[1]);
      return intent
        ? { status: 200, body: withExpansions(intent, query) }
        : error(404, `No such payment_intent: '${m[1]}'`);
    }
    if (method === "POST" && path === "/v1/refunds") return createRefund(body);
    if (method === "POST" && path === "/v1/accounts") return createAccount(body);
    if (method === "GET" && (m = path.match(/^\/v1\/accounts\/([^/]+)$/))) {
      const account = accounts.get(m[1]);
      return account ? { status: 200, body: account } : error(404, `No such account: '${m[1]}'`);
    }
    if (method === "POST" && path === "/v1/account_links") {
      if (!accounts.has(String(body.account))) return error(404, `No such account: '${body.account}'`);
      return {
        status: 200,
        body: {
          object: "account_link",
          url: `https://connect.stripe.test/setup/e/${body.account}/${randomBytes(6).toString("hex")}`,
          created: now(),
          expires_at: now() + 300,
        },
      };
    }
    return billing.route(method, path, body) ?? error(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://stand-in");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const method = request.method ?? "GET";
    const body = parseStripeForm(Buffer.concat(chunks).toString("utf8"));
    const query = parseStripeForm(url.search.slice(1));
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]),
    );
    requests.push({ method, path: url.pathname, body, query, headers });

    let answer: Answer;
    const key = headers["idempotency-key"];
    const fingerprint = JSON.stringify([method, url.pathname, body]);
    const earlier = key ? idempotent.get(key) : undefined;
    if (!String(headers.authorization ?? "").startsWith("Bearer sk_")) {
      answer = error(401, "Invalid API Key provided.", "authentication_error");
    } else if (earlier && earlier.fingerprint !== fingerprint) {
      answer = error(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. (${key})`,
        "idempotency_error",
      );
    } else if (earlier) {
      answer = earlier.answer;
      response.setHeader("Idempotent-Replayed", "true");
    } else {
      answer = route(method, url.pathname, body, query);
      if (key && method === "POST") idempotent.set(key, { fingerprint, answer });
    }
    response.writeHead(answer.status, { "Content-Type": "application/json", "Request-Id": id("req") });
    response.end(JSON.stringify(answer.body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((e: Error) => {
      response.writeHead(500, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: { type: "api_error", message: e.message } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessions,
    accounts,
    transfers,
    /** Subscriptions, invoices and the portal (Stripe Billing). */
    billing,
    /** Requests to one endpoint, e.g. ("POST", "/v1/refunds"). */
    requestsTo: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
    /** The fan pays (or starts a delayed payment) on the hosted page. */
    pay(
      sessionId: string,
      facts: {
        paymentStatus?: "paid" | "unpaid";
        email?: string;
        tax?: number;
        shipping?: { name: string; address: Record<string, string | null> };
        cardCountry?: string;
      } = {},
    ) {
      const session = sessions.get(sessionId)!;
      const tax = facts.tax ?? 0;
      const total = int(session.amount_total) + (session.tax_inclusive ? 0 : tax);
      const charge: StripeObject = {
        id: id("ch"),
        object: "charge",
        amount: total,
        amount_refunded: 0,
        refunded: false,
        currency: session.currency,
      };
      // Checkout collects a card's billing country; the charge knows the card's issuing country.
      if (facts.cardCountry) charge.payment_method_details = { type: "card", card: { country: facts.cardCountry } };
      const intent: StripeObject = {
        id: id("pi"),
        object: "payment_intent",
        amount: total,
        currency: session.currency,
        status: facts.paymentStatus === "unpaid" ? "processing" : "succeeded",
        latest_charge: charge.id,
      };
      charge.payment_intent = intent.id;
      charges.set(charge.id, charge);
      paymentIntents.set(intent.id, intent);
      Object.assign(session, {
        status: "complete",
        payment_status: facts.paymentStatus ?? "paid",
        payment_intent: intent.id,
        amount_total: total,
        total_details: { ...(session.total_details as object), amount_tax: tax },
        customer_details: {
          email: facts.email ?? session.customer_email ?? "fan@example.test",
          ...(facts.cardCountry ? { address: { country: facts.cardCountry } } : {}),
        },
        collected_information: facts.shipping ? { shipping_details: facts.shipping } : null,
      });
      return { session, intent, charge };
    },
    /** A delayed payment method failed after Checkout completed. */
    failDelayedPayment(sessionId: string) {
      const session = sessions.get(sessionId)!;
      paymentIntents.get(String(session.payment_intent))!.status = "requires_payment_method";
    },
    expire(sessionId: string) {
      sessions.get(sessionId)!.status = "expired";
    },
    /** The band finishes onboarding (or Stripe reviews it). */
    updateAccount(accountId: string, facts: { charges_enabled?: boolean; details_submitted?: boolean }) {
      Object.assign(accounts.get(accountId)!, facts);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;
