import { useState } from 'react';
import { usePreference } from '../../../api/usePreference';

export function widthsPreferenceKey(objectId: string) {
  return 'widths:' + objectId;
}

// Widths the user can drag a column to, in pixels.
export const minColumnWidth = 60;
export const maxColumnWidth = 800;

export const clampWidth = (px: number) => Math.round(Math.min(maxColumnWidth, Math.max(minColumnWidth, px)));

export type Widths = Record<string, number>;

// useColumnWidths is the remembered width of each column the user resized,
// by column id, for one object's index. A drag shows its width at once
// (preview) and is saved when it ends (commit); reset forgets a column's
// width, so it takes its share of the table again.
export function useColumnWidths(objectId: string) {
  const { saved, save } = usePreference<Widths>(widthsPreferenceKey(objectId));
  const [live, setLive] = useState<Widths | null>(null);
  const widths = live ?? saved ?? {};
  const store = (w: Widths) => {
    setLive(w);
    save(w, { onSettled: () => setLive(null) });
  };
  return {
    widths,
    preview: (id: string, px: number) => setLive({ ...widths, [id]: clampWidth(px) }),
    commit: (id: string, px: number) => store({ ...widths, [id]: clampWidth(px) }),
    reset: (id: string) => {
      const { [id]: _gone, ...rest } = widths;
      store(rest);
    },
  };
}
