import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { createProductAction } from "@/app/(dashboard)/dashboard/[artist]/merch/actions";
import { productFormProps } from "@/app/(dashboard)/dashboard/[artist]/merch/form-data";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { ProductForm } from "@/components/dashboard/selling/product-form";
import { requireArtistMember } from "@/lib/artists/guard";

export async function generateMetadata() {
  return pageTitle("newProduct");
}

export default async function NewProductPage({ params }: PageProps<"/dashboard/[artist]/merch/new">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const [t, tf, props] = await Promise.all([
    getTranslations("selling.merch"),
    getTranslations("selling.productForm"),
    productFormProps(artist.id),
  ]);
  return (
    <div className="space-y-6">
      <Link href={`/dashboard/${artist.slug}/merch`} className="text-sm text-muted hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">{t("newTitle")}</h1>
      <div className="rounded-lg border border-line bg-white p-6">
        <ProductForm
          action={createProductAction}
          artistId={artist.id}
          submitLabel={tf("create")}
          initial={{
            kind: "cd",
            title: "",
            description: "",
            price: "",
            currency: artist.currency,
            stock: "",
            releaseId: "",
            published: true,
            options: [],
            photos: [],
          }}
          {...props}
        />
      </div>
    </div>
  );
}
