import { useId, useState, type MouseEvent } from 'react';
import { backend } from '../../api/backend';
import { foldText, splitLinks } from './timeline';

// ActivityBody shows an activity's plain text: line breaks kept, http(s)
// links clickable (opened in the system browser), long text folded behind
// "Show more". React escapes every part; no HTML is read from the text.
export function ActivityBody({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const short = foldText(text);
  const shown = open || short === null ? text : `${short}…`;
  return (
    <div className="tl-body">
      <p id={id} className="tl-body-text">
        <LinkedText text={shown} />
      </p>
      {short !== null && (
        <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : 'Show more'}
        </button>
      )}
    </div>
  );
}

export function LinkedText({ text }: { text: string }) {
  const open = (url: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    backend.openExternal(url);
  };
  return (
    <>
      {splitLinks(text).map((part, i) =>
        part.url ? (
          <a key={i} href={part.url} target="_blank" rel="noopener noreferrer" onClick={open(part.url)}>
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
