import type { ImportCounts, ImportJob } from '../../api/backend';

// Words for the wizard's figures: counts, speed and time left.

export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

// countsText is what a check found or an import did, in one line:
// "3 created, 1 updated, 0 unchanged, 4 associations, 1 label". Pending
// associations name records by IDs another file (a HubSpot export's other
// object) brings; they are made when it comes.
export function countsText(c: ImportCounts): string {
  const parts = [
    `${c.created.toLocaleString()} created`,
    `${c.updated.toLocaleString()} updated`,
    `${c.unchanged.toLocaleString()} unchanged`,
    count(c.associations, 'association', 'associations'),
    count(c.labels, 'label', 'labels'),
  ];
  if (c.pending > 0) parts.push(`${count(c.pending, 'association', 'associations')} waiting for records another file brings`);
  return parts.join(', ');
}

// rowsToImport are the rows an import of a checked file writes: those
// without problems.
export function rowsToImport(check: ImportJob): number {
  return Math.max(0, check.counts.rows - check.badRows);
}

// percent is how far a job has read its file, 0–100.
export function percent(job: ImportJob): number {
  if (job.size <= 0) return 0;
  return Math.min(100, Math.floor((job.read / job.size) * 100));
}

// timeLeft says roughly how long a job still needs; '' when unknown.
export function timeLeft(seconds: number): string {
  if (!(seconds > 0)) return '';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h ${minutes % 60} min left`;
}

export function rateText(rate: number): string {
  return `${Math.round(rate).toLocaleString()} rows/s`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return count(bytes, 'byte', 'bytes');
  const units = ['KB', 'MB', 'GB'];
  let n = bytes / 1024;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${n.toLocaleString(undefined, { maximumFractionDigits: n < 10 ? 1 : 0 })} ${units[unit]}`;
}

const delimiterNames: Record<string, string> = { ',': 'Comma', ';': 'Semicolon', '\t': 'Tab' };

export function delimiterName(d: string): string {
  return delimiterNames[d] ?? `“${d}”`;
}
