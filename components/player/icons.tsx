const common = { "aria-hidden": true, viewBox: "0 0 24 24", fill: "currentColor" } as const;

export const PlayIcon = ({ className = "h-5 w-5" }: { className?: string }) => (
  <svg {...common} className={className}>
    <path d="M8 5.14v13.72a1 1 0 0 0 1.52.85l10.9-6.86a1 1 0 0 0 0-1.7L9.52 4.29A1 1 0 0 0 8 5.14Z" />
  </svg>
);

export const PauseIcon = ({ className = "h-5 w-5" }: { className?: string }) => (
  <svg {...common} className={className}>
    <rect x="6" y="4.5" width="4" height="15" rx="1" />
    <rect x="14" y="4.5" width="4" height="15" rx="1" />
  </svg>
);

export const PreviousIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...common} className={className}>
    <rect x="5" y="5" width="2.5" height="14" rx="1" />
    <path d="M19 6.2v11.6a1 1 0 0 1-1.54.84L9.2 13.1a1.3 1.3 0 0 1 0-2.2l8.26-5.54A1 1 0 0 1 19 6.2Z" />
  </svg>
);

export const NextIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...common} className={className}>
    <rect x="16.5" y="5" width="2.5" height="14" rx="1" />
    <path d="M5 6.2v11.6a1 1 0 0 0 1.54.84l8.26-5.54a1.3 1.3 0 0 0 0-2.2L6.54 5.36A1 1 0 0 0 5 6.2Z" />
  </svg>
);

/** Three bars that move while a track plays (still when the visitor asks for reduced motion). */
export const EqualizerIcon = ({ playing }: { playing: boolean }) => (
  <span aria-hidden className="inline-flex h-3.5 items-end gap-[2px]">
    {[0, 1, 2].map((i) => (
      <span
        key={i}
        className={`w-[3px] rounded-sm bg-accent-text ${playing ? "motion-safe:animate-pulse" : ""}`}
        style={{ height: `${[60, 100, 40][i]}%`, animationDelay: `${i * 180}ms` }}
      />
    ))}
  </span>
);
