// A link to a record: fieldbook://<object>/<record ID>. "Copy link" puts
// one on the clipboard; "Open link" (Ctrl/Cmd+L) and a launch with a link
// open the record it names.

export const linkScheme = 'fieldbook://';

export function recordLink(object: string, id: string): string {
  return `${linkScheme}${encodeURIComponent(object)}/${encodeURIComponent(id)}`;
}

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// parseLink reads a link a person pasted (spaces around it are fine); null
// when it is not a Fieldbook record link.
export function parseLink(text: string): { object: string; id: string } | null {
  const t = text.trim();
  if (!t.toLowerCase().startsWith(linkScheme)) return null;
  const [object, id, ...rest] = t.slice(linkScheme.length).replace(/\/+$/, '').split('/');
  if (rest.length || !object || !id) return null;
  const o = decodeURIComponent(object);
  const i = decodeURIComponent(id);
  if (!/^[a-z][a-z0-9_]*$/.test(o) || !idPattern.test(i)) return null;
  return { object: o, id: i.toLowerCase() };
}
