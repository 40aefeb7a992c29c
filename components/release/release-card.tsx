import Link from "next/link";
import { ReleaseArtwork } from "./release-artwork";

type Props = {
  href: string;
  title: string;
  kindLabel: string;
  year: string | null;
  artworkUrl: string | null;
  artworkUrl2x: string | null;
};

/** One release in a shop's grid. */
export function ReleaseCard({ href, title, kindLabel, year, artworkUrl, artworkUrl2x }: Props) {
  return (
    <Link href={href} className="group block" data-testid="release-card">
      <ReleaseArtwork
        src={artworkUrl}
        src2x={artworkUrl2x}
        alt=""
        title={title}
        className="shadow-sm ring-1 ring-black/5 transition group-hover:shadow-md"
      />
      <p className="mt-2.5 truncate font-medium group-hover:underline group-hover:underline-offset-2">{title}</p>
      <p className="text-sm text-muted">
        {kindLabel}
        {year && <> · {year}</>}
      </p>
    </Link>
  );
}
