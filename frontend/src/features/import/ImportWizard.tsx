import * as Dialog from '@radix-ui/react-dialog';
import { useQueryClient } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useEffect, useRef, useState, type JSX } from 'react';
import {
  associationsKey,
  backend,
  ImportState,
  importsKey,
  type ImportColumn,
  type ImportFile,
  type ImportMode,
  type ImportObject,
  type ImportSetup,
} from '../../api/backend';
import { toAppError } from '../../api/errors';
import { useObjects } from '../records/useObjects';
import type { Route } from '../shell/navigation';
import { rowsToImport } from './format';
import './import.css';
import { CheckStep, ImportStep } from './JobSteps';
import { duplicates, rowObjects } from './mapping';
import { MapStep } from './MapStep';
import { FileStep, ObjectsStep } from './SetupSteps';
import { useImportJob } from './useImportJob';

type Step = 'file' | 'objects' | 'map' | 'check' | 'import';

const steps: { step: Step; title: string }[] = [
  { step: 'file', title: 'File' },
  { step: 'objects', title: 'What each row holds' },
  { step: 'map', title: 'Map columns' },
  { step: 'check', title: 'Check' },
  { step: 'import', title: 'Import' },
];

// ImportWizard brings a CSV file in: the file, what each row holds, what
// each column is, a dry run that lists every problem, then the import in
// the background. Closing it during an import only hides it: the import
// goes on, and opening it again shows its progress. object: the index
// page's object, chosen when the backend's guess leaves it out.
export function ImportWizard(props: { open: boolean; onOpenChange: (open: boolean) => void; object?: string; navigate?: (r: Route) => void }): JSX.Element {
  const { open, onOpenChange, object, navigate } = props;
  const client = useQueryClient();
  const objectsQuery = useObjects();
  const objects = objectsQuery.data ?? [];
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<ImportFile | null>(null);
  const [setup, setSetup] = useState<ImportSetup | null>(null);
  const [busy, setBusy] = useState<'' | 'choosing' | 'reading'>('');
  const [fileError, setFileError] = useState('');
  const [reading, setReading] = useState(false);
  const [objectsError, setObjectsError] = useState('');
  const [mapError, setMapError] = useState<{ header: string; message: string } | null>(null);
  const [checkError, setCheckError] = useState('');
  const [startError, setStartError] = useState('');
  const check = useImportJob();
  const run = useImportJob();
  const inspectSeq = useRef(0); // only the latest Inspect's answer counts
  const heading = useRef<HTMLHeadingElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const shownStep = useRef<Step>(step);

  // Each new step's title takes the focus, so keyboard and screen reader
  // users start reading there.
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    heading.current?.focus();
  }, [step]);

  // What an import wrote shows everywhere once it ends (done, canceled or failed).
  const ended = run.job && run.job.state !== ImportState.Running ? run.job.id : '';
  useEffect(() => {
    if (!ended) return;
    void Promise.all([
      client.invalidateQueries({ queryKey: ['records'] }),
      client.invalidateQueries({ queryKey: associationsKey }),
      client.invalidateQueries({ queryKey: importsKey }),
    ]);
  }, [ended, client]);

  const reset = () => {
    inspectSeq.current++;
    shownStep.current = 'file';
    setStep('file');
    setFile(null);
    setSetup(null);
    setBusy('');
    setFileError('');
    setReading(false);
    setObjectsError('');
    setMapError(null);
    setCheckError('');
    setStartError('');
    check.follow(null);
    run.follow(null);
  };

  // A dry run writes nothing, so leaving it stops it; whether the stop
  // worked no longer matters to anyone.
  const stopCheck = () => {
    if (check.running && check.job) void backend.imports.cancel(check.job.id).catch(() => undefined);
  };

  const changeOpen = (next: boolean) => {
    if (!next) {
      stopCheck();
      // An import goes on: opening the wizard again shows it.
      if (!run.running) reset();
    }
    onOpenChange(next);
  };

  const choose = async () => {
    setFileError('');
    setBusy('choosing');
    try {
      const path = await backend.imports.chooseFile();
      if (!path) return;
      setBusy('reading');
      const seq = ++inspectSeq.current;
      let f = await backend.imports.inspect(path, []);
      // From an index page, that page's object unless the file names its own.
      const preferred = rowObjects(objects).find((o) => o.id === object);
      if (preferred && !f.hubspot && !f.setup.objects.some((o) => o.object === preferred.id)) {
        f = await backend.imports.inspect(path, [preferred.id]);
      }
      if (seq !== inspectSeq.current) return;
      setFile(f);
      setSetup(f.setup);
      setObjectsError('');
      setMapError(null);
    } catch (err) {
      setFileError(toAppError(err).message);
    } finally {
      setBusy('');
    }
  };

  // Other objects make other columns match: the file is inspected again
  // for them and its suggested columns taken; modes already chosen stay.
  const changeObjects = async (next: ImportObject[]) => {
    if (!file || !setup) return;
    const before = setup;
    const seq = ++inspectSeq.current;
    setSetup({ ...setup, objects: next });
    setReading(true);
    setObjectsError('');
    try {
      const f = await backend.imports.inspect(
        file.path,
        next.map((o) => o.object),
      );
      if (seq !== inspectSeq.current) return;
      const modes = new Map(next.map((o) => [o.object, o.mode]));
      setFile(f);
      setSetup({ ...f.setup, objects: f.setup.objects.map((o) => ({ ...o, mode: modes.get(o.object) ?? o.mode })) });
      setMapError(null);
    } catch (err) {
      if (seq !== inspectSeq.current) return;
      setSetup(before);
      setObjectsError(toAppError(err).message);
    } finally {
      if (seq === inspectSeq.current) setReading(false);
    }
  };

  const changeMode = (id: string, mode: ImportMode) =>
    setSetup((s) => s && { ...s, objects: s.objects.map((o) => (o.object === id ? { ...o, mode } : o)) });

  const changeColumn = (index: number, column: ImportColumn) => {
    setMapError(null);
    setSetup((s) => s && { ...s, columns: s.columns.map((c, i) => (i === index ? column : c)) });
  };

  const runCheck = async () => {
    if (!setup) return;
    setStep('check');
    setCheckError('');
    check.follow(null);
    try {
      check.follow(await backend.imports.check(setup));
    } catch (err) {
      const e = toAppError(err);
      // A refused column is shown next to its select.
      if (e.field && setup.columns.some((c) => c.header === e.field)) {
        setMapError({ header: e.field, message: e.message });
        setStep('map');
      } else {
        setCheckError(e.message);
      }
    }
  };

  const runImport = async () => {
    if (!setup) return;
    setStep('import');
    setStartError('');
    run.follow(null);
    try {
      run.follow(await backend.imports.start(setup));
      void client.invalidateQueries({ queryKey: importsKey });
    } catch (err) {
      setStartError(toAppError(err).message);
    }
  };

  const cancelJob = (id: string | undefined) => async () => {
    if (id) await backend.imports.cancel(id);
  };

  const repeated = setup ? duplicates(setup.columns).size > 0 : false;
  const title = file ? `Import ${file.name}` : 'Import';
  const current = steps.findIndex((s) => s.step === step);

  let body: JSX.Element;
  let actions: JSX.Element;
  const back = (to: Step) => (
    <button
      type="button"
      className="button"
      onClick={() => {
        stopCheck();
        setStep(to);
      }}
    >
      Back
    </button>
  );
  const close = (
    <Dialog.Close asChild>
      <button type="button" className="button">
        {step === 'import' ? 'Close' : 'Cancel'}
      </button>
    </Dialog.Close>
  );

  if (step === 'file' || !file || !setup) {
    body = <FileStep file={file} busy={busy} error={fileError} onChoose={() => void choose()} chooseButton={chooseButton} />;
    actions = (
      <>
        {close}
        <button type="button" className="button primary" disabled={!file || busy !== ''} onClick={() => setStep('objects')}>
          Next
        </button>
      </>
    );
  } else if (step === 'objects') {
    body = (
      <ObjectsStep
        file={file}
        chosen={setup.objects}
        objects={rowObjects(objects)}
        reading={reading}
        error={objectsError}
        onChange={(next) => void changeObjects(next)}
        onMode={changeMode}
      />
    );
    actions = (
      <>
        {back('file')}
        <button type="button" className="button primary" disabled={reading || !!objectsError} onClick={() => setStep('map')}>
          Next
        </button>
      </>
    );
  } else if (step === 'map') {
    body = <MapStep file={file} setup={setup} objects={objects} error={mapError} onChange={changeColumn} />;
    actions = (
      <>
        {repeated && <span className="field-error imp-actions-note">Choose each property for one column only.</span>}
        {back('objects')}
        <button type="button" className="button primary" disabled={repeated} onClick={() => void runCheck()}>
          Check the file
        </button>
      </>
    );
  } else if (step === 'check') {
    const job = check.job;
    const n = job?.state === ImportState.Checked ? rowsToImport(job) : 0;
    body = <CheckStep job={job} error={checkError} pollError={check.pollError} onCancel={cancelJob(job?.id)} onAgain={() => void runCheck()} />;
    actions = (
      <>
        {back('map')}
        {job?.state === ImportState.Checked && (
          <button type="button" className="button primary" disabled={n === 0} onClick={() => void runImport()}>
            {job.badRows > 0 ? `Import the ${n.toLocaleString()} rows without problems` : `Import ${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`}
          </button>
        )}
      </>
    );
  } else {
    const job = run.job;
    body = <ImportStep job={job} error={startError} pollError={run.pollError} onCancel={cancelJob(job?.id)} />;
    actions = (
      <>
        {startError && back('check')}
        {navigate && job?.import && !run.running && (
          <button
            type="button"
            className="button"
            onClick={() => {
              changeOpen(false);
              navigate({ page: 'settings', section: 'imports' });
            }}
          >
            View in Settings → Imports
          </button>
        )}
        {close}
      </>
    );
  }

  return (
    <Dialog.Root open={open} onOpenChange={changeOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog imp-dialog"
          aria-describedby={undefined}
          // A click beside the wizard must not throw away the choices made.
          onInteractOutside={(e) => e.preventDefault()}
          // The first thing to do, not the Close button in the corner.
          onOpenAutoFocus={(e) => {
            if (!chooseButton.current) return;
            e.preventDefault();
            chooseButton.current.focus();
          }}
        >
          <div className="imp-head">
            <Dialog.Title className="imp-title">{title}</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" className="icon-button" aria-label="Close">
                <X size={16} aria-hidden />
              </button>
            </Dialog.Close>
          </div>
          <ol className="imp-steps" aria-label="Steps">
            {steps.map((s, i) => (
              <li key={s.step} aria-current={s.step === step ? 'step' : undefined} className={i < current ? 'done' : undefined}>
                <span className="imp-step-num" aria-hidden>
                  {i + 1}
                </span>
                {s.title}
              </li>
            ))}
          </ol>
          <div className="imp-body">
            <h3 ref={heading} tabIndex={-1} className="imp-step-title">
              {steps[current].title}
            </h3>
            {body}
          </div>
          <div className="imp-actions">{actions}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
