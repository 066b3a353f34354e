import { BuiltInObject, type Activity, type ObjectDef, type Property, type PropValue, type TimelineItem } from '../../api/backend';
import { formatTimestamp, formatValue, fromInputValue, toInputValue } from '../records/fields/format';
import type { FieldTexts } from '../records/fields/RecordFormFields';

// The pure parts of the timeline and the composer: month groups, links in
// text, folding, the order and defaults of an activity type's fields.

export interface MonthGroup {
  key: string; // "2026-12"
  label: string; // "December 2026"
  items: TimelineItem[];
}

const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

// groupByMonth puts items newest first by their date into one group per
// month (local time). The backend sends them in that order already; sorting
// again keeps a month whole when pages were fetched around a change.
export function groupByMonth(items: TimelineItem[]): MonthGroup[] {
  const sorted = [...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const groups: MonthGroup[] = [];
  for (const item of sorted) {
    const d = new Date(item.at);
    const key = Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      group = { key, label: key ? monthFmt.format(d) : 'Undated', items: [] };
      groups.push(group);
    }
    group.items.push(item);
  }
  return groups;
}

export interface TextPart {
  text: string;
  url?: string; // set when the part is an http(s) link
}

const linkPattern = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that ends a sentence around a link rather than the link.
const trailing = /[.,;:!?)\]}]+$/;

// splitLinks cuts text into plain parts and http(s) links, to be rendered
// as text and anchors: nothing in the text is ever read as HTML.
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(linkPattern)) {
    const url = m[0].replace(trailing, '');
    const start = m.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export const foldChars = 300;
export const foldLines = 6;

// foldText is the start of a long text shown until "Show more" (cut at a
// space, so no word or link is cut short), or null when it fits as it is.
export function foldText(text: string): string | null {
  const lines = text.split('\n');
  let short = lines.length > foldLines ? lines.slice(0, foldLines).join('\n') : text;
  if (short.length > foldChars) {
    short = short.slice(0, foldChars);
    const space = short.search(/\s\S*$/);
    if (space > foldChars / 2) short = short.slice(0, space);
  }
  return short.length < text.length ? short.trimEnd() : null;
}

// The long text of an activity type: the note, the call's notes, the email's body.
export function bodyProperty(object: ObjectDef): Property | undefined {
  return object.properties.find((p) => p.type === 'long_text');
}

// The title of an activity type (a call's title, an email's subject); a note has none.
export function titleProperty(object: ObjectDef): Property | undefined {
  const p = object.properties.find((q) => q.name === object.displayProperty);
  return p && p.type !== 'long_text' ? p : undefined;
}

// composerFields orders a type's fields as the composer shows them: the
// title, the body, then the rest (dates, dropdowns) in the schema's order.
export function composerFields(object: ObjectDef): Property[] {
  const title = titleProperty(object);
  const body = bodyProperty(object);
  return [title, body, ...object.properties.filter((p) => p !== title && p !== body)].filter((p): p is Property => !!p);
}

// Dropdowns a new activity starts with, as the usual case is.
const startValues: Record<string, Record<string, string>> = {
  [BuiltInObject.Calls]: { direction: 'outbound' },
  [BuiltInObject.Emails]: { direction: 'sent' },
  [BuiltInObject.Meetings]: { outcome: 'scheduled' },
  [BuiltInObject.Tasks]: { status: 'not_started', type: 'todo' },
};

// newTexts are a new activity's fields: its date now (a meeting from now
// for 30 minutes; a task due tomorrow at 9:00, the next working morning
// rather than already overdue), and the usual dropdown choices.
export function newTexts(object: ObjectDef, now = new Date()): FieldTexts {
  const texts: FieldTexts = Object.fromEntries(object.properties.map((p) => [p.name, startValues[object.id]?.[p.name] ?? '']));
  const set = (name: string, d: Date) => {
    const p = object.properties.find((q) => q.name === name);
    if (p?.type === 'datetime') texts[name] = toInputValue(p, d.toISOString());
  };
  if (object.id === BuiltInObject.Tasks) {
    const due = new Date(now);
    due.setDate(due.getDate() + 1);
    due.setHours(9, 0, 0, 0);
    set('due', due);
  } else if (object.activityDate) {
    set(object.activityDate, now);
  }
  if (object.id === BuiltInObject.Meetings) set('end', new Date(now.getTime() + 30 * 60_000));
  return texts;
}

// activityTexts are an existing activity's fields, for editing.
export function activityTexts(object: ObjectDef, activity: Activity): FieldTexts {
  return Object.fromEntries(object.properties.map((p) => [p.name, toInputValue(p, activity.props[p.name])]));
}

// valueToSend turns a field's text into the value sent. A date and time is
// sent with its zone (the input holds local time).
function valueToSend(p: Property, text: string): PropValue {
  const v = fromInputValue(p, text);
  if (p.type === 'datetime' && typeof v === 'string') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? v : d.toISOString();
  }
  return v;
}

// propsToLog are the filled fields of a new activity.
export function propsToLog(object: ObjectDef, texts: FieldTexts): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const p of object.properties) {
    const v = valueToSend(p, texts[p.name] ?? '');
    if (v !== null && v !== '') props[p.name] = v;
  }
  return props;
}

// changedProps are the fields an edit changed (null clears one).
export function changedProps(object: ObjectDef, before: FieldTexts, after: FieldTexts): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const p of object.properties) {
    if ((after[p.name] ?? '') !== (before[p.name] ?? '')) props[p.name] = valueToSend(p, after[p.name] ?? '');
  }
  return props;
}

// logTitle names the composer of a type: "Log a call", "Log an email".
export function logTitle(type: ObjectDef): string {
  const name = type.singular.toLowerCase();
  return `Log ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

export interface Detail {
  label: string;
  value: string;
}

const timeFmt = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

// when is an activity's date as its item shows it: a meeting's start–end
// (the end's time only on the same day), a task's due date.
export function when(object: ObjectDef, activity: Activity): string {
  const start = formatTimestamp(activity.at);
  const end = object.id === BuiltInObject.Meetings ? activity.props.end : null;
  if (typeof end === 'string' && end) {
    const s = new Date(activity.at);
    const e = new Date(end);
    const sameDay = s.toDateString() === e.toDateString();
    return `${start} – ${sameDay && !Number.isNaN(e.getTime()) ? timeFmt.format(e) : formatTimestamp(end)}`;
  }
  const date = object.properties.find((p) => p.name === object.activityDate);
  return object.id === BuiltInObject.Tasks && date ? `${date.label} ${start}` : start;
}

// details are the type's other filled fields (a call's direction, outcome
// and duration; a meeting's location; a task's status and priority).
export function details(object: ObjectDef, activity: Activity): Detail[] {
  const skip = new Set([titleProperty(object)?.name, bodyProperty(object)?.name, object.activityDate]);
  if (object.id === BuiltInObject.Meetings) skip.add('end'); // in when()
  return object.properties
    .filter((p) => !skip.has(p.name))
    .map((p) => ({ label: p.label, value: formatValue(p, activity.props[p.name]) }))
    .filter((d) => d.value !== '');
}
