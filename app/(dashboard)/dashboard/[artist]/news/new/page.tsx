import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { createPostAction, uploadPostImageAction } from "@/app/(dashboard)/dashboard/[artist]/news/actions";
import { editorWords } from "@/app/(dashboard)/dashboard/[artist]/news/editor-words";
import { PostEditor } from "@/app/(dashboard)/dashboard/[artist]/news/post-editor";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { attachableReleases } from "@/lib/news";

export async function generateMetadata() {
  return { title: (await getTranslations("newsDesk"))("newTitle") };
}

export default async function NewPostPage({ params }: PageProps<"/dashboard/[artist]/news/new">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const [t, words, releases] = await Promise.all([
    getTranslations("newsDesk"),
    editorWords(),
    attachableReleases(db, artist.id),
  ]);
  return (
    <div className="max-w-2xl space-y-6">
      <Link href={`/dashboard/${artist.slug}/news`} className="text-sm text-muted underline underline-offset-2">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{t("newTitle")}</h1>
      <PostEditor
        artistId={artist.id}
        postId={null}
        initial={{ title: "", body: "", releaseId: "", audience: "everyone" }}
        releases={releases}
        words={words}
        action={createPostAction}
        imageAction={uploadPostImageAction}
      />
    </div>
  );
}
