import { useLayoutEffect, useRef, useState } from 'react';
import { clampWidth, maxColumnWidth, minColumnWidth } from './useColumnWidths';

// keyStep is how far an arrow key moves a column's edge, px.
const keyStep = 16;

// headerWidth is the laid-out width of the header the handle sits in.
const headerWidth = (el: HTMLElement) => el.parentElement?.getBoundingClientRect().width ?? minColumnWidth;

// ResizeHandle is the right edge of a column header: drag it (or focus it
// and press ← or →) to change the column's width; double-click it to give
// the column its share of the table again. width is the width the user
// set, if any; otherwise the handle reads the header's own.
export function ResizeHandle({
  label,
  width,
  onPreview,
  onCommit,
  onReset,
}: {
  label: string;
  width?: number;
  onPreview: (px: number) => void;
  onCommit: (px: number) => void;
  onReset: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; from: number; moved: boolean } | null>(null);
  const [shown, setShown] = useState<number>(minColumnWidth);
  const current = (el: HTMLElement) => width ?? Math.round(headerWidth(el));
  // A focusable separator must always say where it is (aria-valuenow): a
  // column without a set width reports the header's laid-out width, read
  // again on focus since the window may have been resized since.
  useLayoutEffect(() => {
    if (width === undefined && ref.current) setShown(clampWidth(headerWidth(ref.current)));
  }, [width]);
  return (
    <div
      ref={ref}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label}`}
      aria-valuemin={minColumnWidth}
      aria-valuemax={maxColumnWidth}
      aria-valuenow={width ?? shown}
      tabIndex={0}
      title={`Drag to resize ${label}; double-click to reset`}
      className="idx-resize"
      onFocus={(e) => setShown(clampWidth(current(e.currentTarget)))}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture?.(e.pointerId);
        drag.current = { x: e.clientX, from: headerWidth(e.currentTarget), moved: false };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d || e.clientX === d.x) return;
        d.moved = true;
        onPreview(d.from + e.clientX - d.x);
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = null;
        if (d?.moved) onCommit(d.from + e.clientX - d.x);
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onDoubleClick={onReset}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        const px = current(e.currentTarget) + (e.key === 'ArrowRight' ? keyStep : -keyStep);
        setShown(Math.min(maxColumnWidth, Math.max(minColumnWidth, px)));
        onCommit(px);
      }}
    />
  );
}
