import type { Property, PropValue } from '../../../api/backend';

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const numberFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });
const currencyFmt = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// formatValue shows a stored value as text for tables and read-only views.
// It returns plain text; React renders it escaped.
export function formatValue(property: Property, value: PropValue | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  switch (property.type) {
    case 'number':
      return typeof value === 'number' ? numberFmt.format(value) : String(value);
    case 'currency':
      return typeof value === 'number' ? currencyFmt.format(value) : String(value);
    case 'bool':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'date': {
      const d = new Date(`${value}T00:00:00`);
      return Number.isNaN(d.getTime()) ? String(value) : dateFmt.format(d);
    }
    case 'datetime': {
      const d = new Date(String(value));
      return Number.isNaN(d.getTime()) ? String(value) : dateTimeFmt.format(d);
    }
    case 'dropdown':
      return property.options?.find((o) => o.value === value)?.label ?? String(value);
    default:
      return String(value);
  }
}

// formatTimestamp shows a record's created/updated time.
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
}

// toInputValue turns a stored value into what an <input> of the type holds.
export function toInputValue(property: Property, value: PropValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (property.type === 'bool') return value === true ? 'true' : value === false ? 'false' : '';
  if (property.type === 'datetime') {
    const d = new Date(String(value));
    if (Number.isNaN(d.getTime())) return String(value);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  return String(value);
}

// fromInputValue turns an input's text into the value sent to the backend,
// which validates and normalises it ("" clears the property).
export function fromInputValue(property: Property, text: string): PropValue {
  if (text.trim() === '' && property.type !== 'long_text') return null;
  if (property.type === 'bool') return text === 'true';
  return text;
}
