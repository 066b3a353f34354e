import type { AssociationEvent } from '../../../api/backend';

// The sources a change can come from (backend/changelog), as the history
// table shows them. User changes also name the person.
const sources = new Set([
  'User',
  'Object deletion',
  'Object merge',
  'Object restore',
  'Import',
  'Auto association by domain',
  'API',
  'Job',
  'Migration',
  'Unknown',
]);

// sourceOf says where a change came from: the source in words and, for a
// user's change, who (their name, else their ID; "" when neither is known).
export function sourceOf(e: Pick<AssociationEvent, 'source' | 'actor'>): { source: string; who: string } {
  const source = e.source && sources.has(e.source) ? e.source : e.source || 'Unknown';
  const who = source === 'User' ? e.actor?.name || e.actor?.id || '' : '';
  return { source, who };
}

// sourceText is the source as one line of text ("User: Ann Tester").
export function sourceText(e: Pick<AssociationEvent, 'source' | 'actor'>): string {
  const { source, who } = sourceOf(e);
  return who ? `${source}: ${who}` : source;
}

// describeChange says how the association changed, in words.
export function describeChange(e: Pick<AssociationEvent, 'change' | 'label'>): string {
  const label = e.label ? ` “${e.label}”` : '';
  switch (e.change) {
    case 'created':
      return 'Created';
    case 'removed':
      return 'Removed';
    case 'label_added':
      return `Label added${label}`;
    case 'label_removed':
      return `Label removed${label}`;
    case 'primary_set':
      return 'Primary set';
    case 'primary_unset':
      return 'Primary unset';
    default: {
      const text = String(e.change ?? '').replace(/_/g, ' ');
      return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Changed';
    }
  }
}

// eventKey identifies one row: one change of one association in one
// operation.
export function eventKey(e: AssociationEvent, i: number): string {
  return `${e.opId}:${e.record}:${e.change}:${e.label ?? ''}:${i}`;
}

export const historyPageSize = 100;
export const maxHistoryPage = 500; // the backend's MaxHistory

export interface HistoryPage {
  events: AssociationEvent[];
  next: string | null; // the cursor of the next (older) page; null: no more
}

// fetchHistoryPage reads one page of a record's association history. The
// backend pages by operation ("older than operation X") but cuts a page at
// a number of changes, which can fall inside an operation: the rest of that
// operation would then be skipped by the next page. So a full page drops
// its last operation (the next page starts with it, whole), and a page that
// is one operation only is read again with the largest page allowed.
export async function fetchHistoryPage(
  read: (limit: number, before: string) => Promise<AssociationEvent[]>,
  before: string,
  pageSize = historyPageSize,
): Promise<HistoryPage> {
  let limit = pageSize;
  for (;;) {
    const events = (await read(limit, before)) ?? [];
    if (events.length < limit) return { events, next: null };
    const last = events[events.length - 1].opId;
    const cut = events.findIndex((e) => e.opId === last);
    if (cut > 0) return { events: events.slice(0, cut), next: events[cut - 1].opId };
    if (limit >= maxHistoryPage) return { events, next: last };
    limit = maxHistoryPage;
  }
}

// Pages read at most by scanHistoryFor (500 changes each).
const maxScanPages = 20;

// scanHistoryFor finds one association's changes in the record's history,
// newest first. The backend's pair history finds nothing once the other
// record is gone (merged or erased): its object is then unknown to it.
export async function scanHistoryFor(
  read: (limit: number, before: string) => Promise<AssociationEvent[]>,
  other: string,
): Promise<AssociationEvent[]> {
  const out: AssociationEvent[] = [];
  let before = '';
  for (let i = 0; i < maxScanPages; i++) {
    const page = await fetchHistoryPage(read, before, maxHistoryPage);
    out.push(...page.events.filter((e) => e.record === other));
    if (!page.next) break;
    before = page.next;
  }
  return out;
}
