// Settings → Objects: custom objects and properties (placeholder).
export function ObjectsSettings() {
  return <p className="muted">Objects and properties.</p>;
}
