"use client";

import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

const KEY_STEP_SECONDS = 5;
const PAGE_STEP_SECONDS = 30;

type Props = {
  /** Waveform (0..1 each); null draws a plain progress bar. */
  peaks: number[] | null;
  current: number;
  duration: number | null;
  label: string;
  valueText: (seconds: number) => string;
  onSeek: (seconds: number) => void;
  disabled?: boolean;
};

/**
 * The seek bar, drawn as the track's waveform when there is one. A slider for assistive
 * technology and the keyboard (arrows ±5 s, Page Up/Down ±30 s, Home/End); click or drag with a
 * mouse, pen or finger. Dragging previews the position and seeks once on release.
 */
export function SeekBar({ peaks, current, duration, label, valueText, onSeek, disabled = false }: Props) {
  const [preview, setPreview] = useState<number | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const length = duration && duration > 0 ? duration : 0;
  const inactive = disabled || length === 0;
  const shown = preview ?? Math.min(current, length);
  const fraction = length > 0 ? Math.min(1, Math.max(0, shown / length)) : 0;

  const positionAt = (clientX: number) => {
    const rect = rootRef.current!.getBoundingClientRect();
    return Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)) * length;
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (inactive || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    setPreview(positionAt(event.clientX));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (preview !== null) setPreview(positionAt(event.clientX));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (preview === null) return;
    setPreview(null);
    onSeek(positionAt(event.clientX));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (inactive) return;
    const moves: Record<string, number> = {
      ArrowLeft: current - KEY_STEP_SECONDS,
      ArrowDown: current - KEY_STEP_SECONDS,
      ArrowRight: current + KEY_STEP_SECONDS,
      ArrowUp: current + KEY_STEP_SECONDS,
      PageDown: current - PAGE_STEP_SECONDS,
      PageUp: current + PAGE_STEP_SECONDS,
      Home: 0,
      End: length,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    onSeek(Math.min(length, Math.max(0, moves[event.key])));
  };

  return (
    <div
      ref={rootRef}
      role="slider"
      tabIndex={inactive ? -1 : 0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.round(length)}
      aria-valuenow={Math.round(shown)}
      aria-valuetext={valueText(shown)}
      aria-disabled={inactive || undefined}
      data-testid="seek-bar"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setPreview(null)}
      onKeyDown={onKeyDown}
      className={`relative w-full touch-none select-none rounded ${peaks ? "h-14" : "h-6"} ${inactive ? "cursor-default opacity-60" : "cursor-pointer"}`}
    >
      {peaks ? (
        <>
          <Bars peaks={peaks} className="text-wave" />
          <Bars
            peaks={peaks}
            className="text-accent-text"
            style={{ clipPath: `inset(0 ${(1 - fraction) * 100}% 0 0)` }}
          />
        </>
      ) : (
        <div className="absolute inset-x-0 top-1/2 h-1.5 -translate-y-1/2 overflow-hidden rounded-full bg-wave">
          <div className="h-full bg-accent-text" style={{ width: `${fraction * 100}%` }} />
        </div>
      )}
      {!inactive && (fraction > 0 || preview !== null) && (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 rounded bg-ink/70"
          style={{ left: `${fraction * 100}%` }}
        />
      )}
    </div>
  );
}

function Bars({ peaks, className, style }: { peaks: number[]; className: string; style?: React.CSSProperties }) {
  return (
    <svg
      aria-hidden
      viewBox={`0 0 ${peaks.length} 100`}
      preserveAspectRatio="none"
      className={`absolute inset-0 h-full w-full ${className}`}
      style={style}
    >
      {peaks.map((peak, i) => {
        const height = Math.max(4, Math.min(1, Math.max(0, peak)) * 100);
        return <rect key={i} x={i + 0.15} width={0.7} y={(100 - height) / 2} height={height} fill="currentColor" />;
      })}
    </svg>
  );
}
