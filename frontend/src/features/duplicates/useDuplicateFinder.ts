import { useCallback, useEffect, useRef, useState } from 'react';
import { backend, onDuplicatesProgress, type DuplicatePair, type DuplicatesProgress } from '../../api/backend';
import { toAppError } from '../../api/errors';

// What a find of one object's duplicates is doing. progress: the latest
// event (null until the first); records: how many live records were
// read (null when no event said).
export type FindState =
  | { phase: 'searching'; progress: DuplicatesProgress | null; canceling: boolean }
  | { phase: 'done'; pairs: DuplicatePair[]; records: number | null }
  | { phase: 'canceled' }
  | { phase: 'failed'; error: string };

const searching: FindState = { phase: 'searching', progress: null, canceling: false };

// useDuplicateFinder finds object's likely duplicate pairs as it mounts
// (give its user key={object}), with the progress the backend reports.
// search runs it again; cancel stops it; setPairs changes the list found
// (a pair dismissed or merged goes, an undo brings it back).
//
// Only the latest find counts: the backend stops a find when the next one
// starts (its answer is then an empty list), so an answer to an earlier
// call is dropped. A find canceled from here shows as canceled; one that
// finished before the cancel reached it shows its pairs.
export function useDuplicateFinder(object: string) {
  const [state, setState] = useState<FindState>(searching);
  const run = useRef(0);
  const canceled = useRef(false);

  const find = useCallback(() => {
    const mine = ++run.current;
    canceled.current = false;
    backend.duplicateFinder.find(object).then(
      (pairs) => {
        if (run.current !== mine) return;
        setState((s) =>
          canceled.current && pairs.length === 0
            ? { phase: 'canceled' }
            : { phase: 'done', pairs, records: s.phase === 'searching' && s.progress ? s.progress.total : null },
        );
      },
      (err: unknown) => {
        if (run.current === mine) setState({ phase: 'failed', error: toAppError(err).message });
      },
    );
  }, [object]);

  // Events name their object; a canceled find's last one says so, and is
  // left to the find's answer (it may be an earlier find's).
  useEffect(
    () =>
      onDuplicatesProgress((p) => {
        if (p.object !== object || p.canceled) return;
        setState((s) => (s.phase === 'searching' ? { ...s, progress: p } : s));
      }),
    [object],
  );

  // The state starts as searching, so mounting only starts the find.
  useEffect(() => {
    find();
  }, [find]);

  const search = useCallback(() => {
    setState(searching);
    find();
  }, [find]);

  const cancel = useCallback(async () => {
    canceled.current = true;
    setState((s) => (s.phase === 'searching' ? { ...s, canceling: true } : s));
    try {
      await backend.duplicateFinder.cancel();
    } catch (err) {
      canceled.current = false;
      setState((s) => (s.phase === 'searching' ? { ...s, canceling: false } : s));
      throw err;
    }
  }, []);

  const setPairs = useCallback((change: (pairs: DuplicatePair[]) => DuplicatePair[]) => {
    setState((s) => (s.phase === 'done' ? { ...s, pairs: change(s.pairs) } : s));
  }, []);

  return { state, search, cancel, setPairs };
}
