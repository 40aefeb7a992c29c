import { eq } from "drizzle-orm";
import sharp from "sharp";
import { createArtist } from "@/lib/artists/profile";
import { findUserByEmail, registerUser } from "@/lib/auth/accounts";
import { createDb, type Db } from "./client";
import { artists } from "./schema";
import { seedDemoAlbum } from "./seed-album";
import { seedDemoMerch } from "./seed-merch";

export const DEMO = {
  email: "demo@merchtable.local",
  password: "demo-band-password",
  slug: "demo-band",
};

async function artwork(width: number, height: number, hue: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},45%,22%)"/><stop offset="1" stop-color="hsl(${hue + 40},55%,48%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.72}" cy="${height * 0.45}" r="${Math.min(width, height) * 0.32}" fill="none" stroke="hsl(${hue + 20},70%,80%)" stroke-opacity=".35" stroke-width="${Math.max(4, width / 60)}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * The demo band a fresh `npm start` shows at /demo-band, with a playable album and its CD. Whatever already
 * exists is kept, so this is safe on every start.
 */
export async function seedDemo(url: string) {
  const { db, client } = createDb(url, { max: 2 });
  try {
    const [existing] = await db.select({ id: artists.id }).from(artists).where(eq(artists.slug, DEMO.slug));
    const artistId = existing?.id ?? (await createDemoBand(db));
    await seedDemoAlbum(db, artistId);
    await seedDemoMerch(db, artistId);
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function createDemoBand(db: Db): Promise<string> {
  const registered = await registerUser(db, { name: "Demo Band", email: DEMO.email, password: DEMO.password });
  const user = registered.ok ? registered.user : await findUserByEmail(db, DEMO.email);
  if (!user) throw new Error("could not create the demo user");
  const result = await createArtist(
    db,
    user.id,
    {
      name: "The Demo Band",
      slug: DEMO.slug,
      location: "Lyon, France",
      bio: "Three friends, one van, too many pedals. The Demo Band plays warm, slow-burning indie rock and sells every record straight from the merch table — now online too.\n\nThis is a demo shop: look around, then open your own.",
      links: "https://demo-band.example/\nhttps://www.instagram.com/demoband\nhttps://www.youtube.com/@demoband",
      currency: "EUR",
      timeZone: "Europe/Paris",
      accentColor: "#b4442c",
    },
    { avatar: await artwork(800, 800, 12), banner: await artwork(2000, 600, 200) },
  );
  if (!result.ok) throw new Error(`demo seed refused: ${JSON.stringify(result)}`);
  return result.artist.id;
}
