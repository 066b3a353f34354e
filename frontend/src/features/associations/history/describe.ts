import { AssociationChange, ChangeSource, type AssociationEvent } from '../../../api/backend';

// The sources a change can come from (bound from backend/changelog), as the
// history table shows them. User changes also name the person.
const sources = new Set<string>(Object.values(ChangeSource));

// sourceOf says where a change came from: the source in words and, for a
// user's change, who (their name, else their ID; "" when neither is known).
export function sourceOf(e: Pick<AssociationEvent, 'source' | 'actor'>): { source: string; who: string } {
  const source = e.source && sources.has(e.source) ? e.source : e.source || ChangeSource.Unknown;
  const who = source === ChangeSource.User ? e.actor?.name || e.actor?.id || '' : '';
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
    case AssociationChange.Created:
      return 'Created';
    case AssociationChange.Removed:
      return 'Removed';
    case AssociationChange.LabelAdded:
      return `Label added${label}`;
    case AssociationChange.LabelRemoved:
      return `Label removed${label}`;
    case AssociationChange.PrimarySet:
      return 'Primary set';
    case AssociationChange.PrimaryUnset:
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

export interface HistoryPage {
  events: AssociationEvent[];
  next: string | null; // the cursor of the next (older) page; null: no more
}

// fetchHistoryPage reads one page of a record's association history. The
// backend ends a page at the end of an operation, never inside one, so the
// next page starts after the last operation shown.
export async function fetchHistoryPage(read: (limit: number, before: string) => Promise<AssociationEvent[]>, before: string): Promise<HistoryPage> {
  const events = (await read(historyPageSize, before)) ?? [];
  return { events, next: events.length < historyPageSize ? null : events[events.length - 1].opId };
}
