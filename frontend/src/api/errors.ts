import { errs } from '../wailsjs/go/models';

// Every backend failure reaches the UI as an AppError: a code to branch on
// (bound from Go's errs.Code), a message to show, and the field to show it next to.
export class AppError extends Error {
  readonly code: errs.Code;
  readonly field?: string;
  // More fields refused in the same input, each with its message.
  readonly others: Record<string, string>;

  // code: a Code, or its value as written (tests give 'not_found').
  constructor(code: errs.Code | `${errs.Code}`, message: string, field?: string, others: Record<string, string> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code as errs.Code;
    this.field = field;
    this.others = others;
  }
}

const fallback = 'Something went wrong inside Fieldbook. Your data is safe; please try again.';

// toAppError accepts whatever a rejected binding call carries. The Go
// ErrorFormatter sends {code, message, field} as a JSON string, which the
// Wails runtime wraps in an Error; Wails' own failures are plain text.
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  const text = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : '';
  const formatted = parseFormatted(text) ?? (isFormatted(reason) ? reason : null);
  if (formatted) {
    const field = typeof formatted.field === 'string' && formatted.field !== '' ? formatted.field : undefined;
    const others: Record<string, string> = {};
    const list = Array.isArray(formatted.others) ? (formatted.others as { field?: unknown; message?: unknown }[]) : [];
    for (const o of list) {
      if (o && typeof o.field === 'string' && typeof o.message === 'string') others[o.field] = o.message;
    }
    return new AppError(String(formatted.code) as errs.Code, String(formatted.message) || fallback, field, others);
  }
  return new AppError(errs.Code.Internal, text || fallback);
}

interface Formatted {
  code: unknown;
  message: unknown;
  field?: unknown;
  others?: unknown;
}

function isFormatted(v: unknown): v is Formatted {
  return !!v && typeof v === 'object' && 'code' in v && 'message' in v;
}

function parseFormatted(text: string): Formatted | null {
  if (!text.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(text);
    return isFormatted(v) ? v : null;
  } catch {
    return null;
  }
}
