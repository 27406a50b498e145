import { useState } from 'preact/hooks';
import type { Store } from '../utils/data/records/store';
import { exportBackup } from '../utils/export/backup/export';
import { downloadName, stringifyBackup } from '../utils/export/backup/format';
import { importBackupText } from '../utils/export/backup/import';
import { loadPairForExport, pairMarkdown } from '../utils/export/markdown';
import { plural, t } from '../utils/i18n';
import type { Pair } from '../utils/schema/pair';
import { ErrorText } from './controls';
import { copyText, downloadText, fileSafe } from './copy';
import { useAction } from './use-action';
import { useStore } from './use-live';

/**
 * Take the pair's memory with you: the pair as Markdown (for an email or a notes app), and the
 * whole database as a JSON backup — private notes only when ticked — that can be imported back.
 */
export function DataSection({ pair }: { pair: Pair }) {
  const store = useStore();
  const [includePrivate, setIncludePrivate] = useState(false);
  const [status, setStatus] = useState('');
  const [run, error] = useAction();

  const pairAsMarkdown = async () => {
    const data = await loadPairForExport(store, pair.id, { includePrivate });
    if (!data) throw new Error(t('data.pairGone'));
    return pairMarkdown(data, { includePrivate });
  };

  return (
    <section class="section" aria-labelledby="data-heading">
      <h3 id="data-heading">{t('data.heading')}</h3>
      <IncludePrivate checked={includePrivate} onChange={setIncludePrivate} />
      <div class="actions">
        <button
          type="button"
          onClick={() =>
            run(async () => {
              const ok = await copyText(await pairAsMarkdown());
              setStatus(ok ? t('data.copied') : t('common.copyFailed'));
            })
          }
        >
          {t('data.copyMarkdown')}
        </button>
        <button
          type="button"
          onClick={() =>
            run(async () =>
              downloadText(`${fileSafe(pair.title)}.md`, await pairAsMarkdown(), 'text/markdown'),
            )
          }
        >
          {t('data.downloadMarkdown')}
        </button>
        <button
          type="button"
          onClick={() => run(async () => setStatus(await downloadBackup(store, includePrivate)))}
        >
          {t('data.backup')}
        </button>
      </div>
      <p role="status" class="muted" data-testid="data-status">
        {status}
      </p>
      <ErrorText message={error} />
      <ImportBackup />
    </section>
  );
}

/**
 * The options page's backup: the whole database as JSON (private notes only when ticked), and
 * importing one back.
 */
export function Backup() {
  const store = useStore();
  const [includePrivate, setIncludePrivate] = useState(false);
  const [status, setStatus] = useState('');
  const [run, error] = useAction();
  return (
    <>
      <IncludePrivate name="backup-private" checked={includePrivate} onChange={setIncludePrivate} />
      <div class="actions">
        <button
          type="button"
          onClick={() => run(async () => setStatus(await downloadBackup(store, includePrivate)))}
        >
          {t('data.backup')}
        </button>
      </div>
      <p role="status" class="muted" data-testid="backup-status">
        {status}
      </p>
      <ErrorText message={error} />
      <ImportBackup />
    </>
  );
}

/** The "include private notes" tick of the Markdown export and the backup. */
function IncludePrivate({
  checked,
  onChange,
  name,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
}) {
  return (
    <label class="inline">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {t('data.includePrivate')}
    </label>
  );
}

/** Downloads the whole database as a JSON backup; returns the status line to show. */
async function downloadBackup(store: Store, includePrivate: boolean): Promise<string> {
  const backup = await exportBackup(store, { includePrivate });
  downloadText(downloadName(), stringifyBackup(backup), 'application/json');
  return includePrivate ? t('data.backupWithPrivate') : t('data.backupShared');
}

/** Import a backup file: validated first; a bad file is refused with what is wrong, and changes nothing. */
export function ImportBackup() {
  const store = useStore();
  const [status, setStatus] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [run, error] = useAction();
  const importFile = async (file: File) => {
    setStatus(t('data.importing'));
    setProblems([]);
    const result = await importBackupText(store, await file.text());
    if (result.ok) {
      const { added, updated, unchanged } = result.summary.total;
      setStatus(
        t(
          'data.imported',
          plural('data.added', added),
          plural('data.updated', updated),
          plural('data.unchanged', unchanged),
        ),
      );
    } else {
      setStatus('');
      setProblems(result.errors);
    }
  };
  return (
    <div class="import">
      <label>
        {t('welcome.importBackup')}
        <input
          type="file"
          accept="application/json,.json"
          name="import"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void run(() => importFile(file));
          }}
        />
      </label>
      <p role="status" class="muted" data-testid="import-status">
        {status}
      </p>
      {problems.length > 0 && (
        <div role="alert" class="error" data-testid="import-errors">
          <p>{t('data.refused')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorText message={error} />
    </div>
  );
}
