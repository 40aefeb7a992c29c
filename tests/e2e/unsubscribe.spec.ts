import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artists, subscribers } from "@/db/schema";
import { unsubscribeToken } from "@/lib/fans/unsubscribe-link";
import { testDb, uniqueId } from "./helpers";

async function seedSubscriber() {
  const slug = `band-${uniqueId()}`;
  const [artist] = await testDb()
    .insert(artists)
    .values({ slug, name: `Band ${slug}`, currency: "EUR", country: "FR" })
    .returning();
  const [fan] = await testDb()
    .insert(subscribers)
    .values({ artistId: artist.id, email: `fan-${uniqueId()}@example.test`, source: "checkout" })
    .returning();
  return { artist, fan };
}

const unsubscribedAt = async (id: string) =>
  (await testDb().select().from(subscribers).where(eq(subscribers.id, id)))[0].unsubscribedAt;

test("a mail client's one-click POST to the unsubscribe link unsubscribes at once; opening it still asks first", async ({
  page,
  request,
}) => {
  const { artist, fan } = await seedSubscriber();
  const path = `/library/unsubscribe/${unsubscribeToken(fan.id)}`;

  await page.goto(path);
  await expect(page.getByRole("button", { name: "Unsubscribe" })).toBeVisible();
  expect(await unsubscribedAt(fan.id)).toBeNull();

  // What Gmail and others send for List-Unsubscribe-Post (RFC 8058): no cookies, a form body, maybe their own Origin.
  const oneClick = () =>
    request.post(path, { form: { "List-Unsubscribe": "One-Click" }, headers: { origin: "https://mail.example" } });
  const first = await oneClick();
  expect(first.status()).toBe(200);
  expect(await first.text()).toContain(artist.name);
  const left = await unsubscribedAt(fan.id);
  expect(left).toBeInstanceOf(Date);
  expect((await oneClick()).status()).toBe(200);
  expect(await unsubscribedAt(fan.id)).toEqual(left);

  await page.reload();
  await expect(page.getByText(`${fan.email} is already unsubscribed from ${artist.name}.`)).toBeVisible();
});

test("the page's own confirm button still works, and a forged link changes nothing", async ({ page, request }) => {
  const { artist, fan } = await seedSubscriber();
  const forged = await request.post(`/library/unsubscribe/${fan.id}.forged`, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(forged.status()).toBe(404);
  expect(await unsubscribedAt(fan.id)).toBeNull();

  await page.goto(`/library/unsubscribe/${unsubscribeToken(fan.id)}`);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText(`Done: ${artist.name} will not send news to ${fan.email} any more.`)).toBeVisible();
  expect(await unsubscribedAt(fan.id)).toBeInstanceOf(Date);
});
