import { useCallback, useEffect, useState } from 'react';
import { backend, ImportState, onImportProgress, type ImportJob } from '../../api/backend';
import { toAppError } from '../../api/errors';

const pollEvery = 500; // ms

// useImportJob follows one background job (a check or an import) from the
// job Check or Start returned until it ends. Progress arrives two ways that
// update the same state: the 'import:progress' events, and a poll of
// imports.job every half second while it runs (events may not reach a
// WebView reliably; the poll makes the bar move anyway).
export function useImportJob() {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [pollError, setPollError] = useState('');
  const id = job?.id;
  const running = job?.state === ImportState.Running;

  // An answer about another job, or a running one after the job ended (a
  // poll that crossed the last event), is dropped.
  const update = useCallback((next: ImportJob) => {
    setJob((prev) => {
      if (!prev || prev.id !== next.id) return prev;
      if (prev.state !== ImportState.Running && next.state === ImportState.Running) return prev;
      return next;
    });
  }, []);

  useEffect(() => {
    if (!id) return;
    return onImportProgress((j) => {
      if (j.id === id) update(j);
    });
  }, [id, update]);

  useEffect(() => {
    if (!id || !running) return;
    let stopped = false;
    let timer = 0;
    // One request at a time: the next is asked for after the last answer.
    const tick = async () => {
      try {
        const j = await backend.imports.job(id);
        if (stopped) return;
        setPollError('');
        update(j);
      } catch (err) {
        if (stopped) return;
        setPollError(toAppError(err).message);
      }
      timer = window.setTimeout(tick, pollEvery);
    };
    timer = window.setTimeout(tick, pollEvery);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [id, running, update]);

  const follow = useCallback((j: ImportJob | null) => {
    setPollError('');
    setJob(j);
  }, []);

  return { job, follow, running, pollError };
}
