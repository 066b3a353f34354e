import { Boxes, Building2, Handshake, Ticket, Users, type LucideIcon, type LucideProps } from 'lucide-react';
import { createElement } from 'react';
import type { ObjectDef } from '../../api/backend';

const icons: Record<string, LucideIcon> = {
  contacts: Users,
  companies: Building2,
  deals: Handshake,
  tickets: Ticket,
};

// objectIcon is the icon of an object; custom objects share one.
export function objectIcon(id: string): LucideIcon {
  return icons[id] ?? Boxes;
}

// ObjectIcon draws an object's icon. Rendering <Icon> from a local
// `const Icon = objectIcon(id)` reads to React's lint as a component made
// during render; this one has a fixed type.
export function ObjectIcon({ id, ...props }: { id: string } & LucideProps) {
  return createElement(objectIcon(id), props);
}

const about: Record<string, string> = {
  contacts: 'Contacts are the people you work with: customers, leads and colleagues.',
  companies: 'Companies are the organisations your contacts work for.',
  deals: 'Deals track the sales you are working on, from first call to signed contract.',
  tickets: 'Tickets track the questions and problems your customers bring to you.',
};

// objectAbout says in one sentence what an object is for (empty states).
export function objectAbout(object: ObjectDef): string {
  return about[object.id] ?? `${object.plural} are records you defined yourself.`;
}
