import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { deleteProductAction, updateProductAction } from "@/app/(dashboard)/dashboard/[artist]/merch/actions";
import { productFormProps, productInitial } from "@/app/(dashboard)/dashboard/[artist]/merch/form-data";
import { thingTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { ConfirmDialog } from "@/components/dashboard/releases/confirm-dialog";
import { ProductForm } from "@/components/dashboard/selling/product-form";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { productOfArtist } from "@/lib/merch";

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]/merch/[productId]">) {
  const { artist, productId } = await params;
  return thingTitle(artist, "product", productId, "product");
}

export default async function EditProductPage({
  params,
  searchParams,
}: PageProps<"/dashboard/[artist]/merch/[productId]">) {
  const { artist: slug, productId } = await params;
  const { artist } = await requireArtistMember({ slug });
  // Another band's item (even one this user also runs) is not found under this band's URL.
  const product = await productOfArtist(db, artist.id, productId);
  if (!product) notFound();
  const [t, tf, props] = await Promise.all([
    getTranslations("selling.merch"),
    getTranslations("selling.productForm"),
    productFormProps(artist.id),
  ]);
  const created = (await searchParams).created === "1";
  return (
    <div className="space-y-6">
      <Link href={`/dashboard/${artist.slug}/merch`} className="text-sm text-muted hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="truncate text-2xl font-semibold tracking-tight" data-testid="product-title">
        {product.title}
      </h1>
      <div className="rounded-lg border border-line bg-white p-6">
        <ProductForm
          action={updateProductAction}
          artistId={artist.id}
          submitLabel={tf("save")}
          notice={created ? t("saved") : undefined}
          initial={productInitial(product)}
          {...props}
        />
      </div>
      <div className="flex justify-end">
        <ConfirmDialog
          trigger={t("delete")}
          message={t("deleteConfirm", { title: product.title })}
          confirmLabel={t("confirmDelete")}
          cancelLabel={t("cancel")}
          action={deleteProductAction}
          fields={{ artistId: artist.id, productId: product.id }}
        />
      </div>
    </div>
  );
}
