// Every backend failure reaches the UI as an AppError: a code to branch on,
// a message to show, and the field to show it next to.
export class AppError extends Error {
  readonly code: string;
  readonly field?: string;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
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
    return new AppError(String(formatted.code), String(formatted.message) || fallback, field);
  }
  return new AppError('internal', text || fallback);
}

interface Formatted {
  code: unknown;
  message: unknown;
  field?: unknown;
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
