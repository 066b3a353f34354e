import { useEffect, useState } from 'react';

// useDebounced follows value once it has stayed the same for ms. An empty
// text follows at once, so a cleared search box shows no stale results.
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), value === '' ? 0 : ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return value === '' ? value : debounced;
}
