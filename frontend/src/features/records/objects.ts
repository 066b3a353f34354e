import {
  Boxes,
  Building2,
  CalendarDays,
  Handshake,
  Mail,
  Phone,
  SquareCheckBig,
  StickyNote,
  Ticket,
  Users,
  type LucideIcon,
  type LucideProps,
} from 'lucide-react';
import { createElement } from 'react';
import { BuiltInObject, type ObjectDef } from '../../api/backend';

const icons: Record<string, LucideIcon> = {
  contacts: Users,
  companies: Building2,
  deals: Handshake,
  tickets: Ticket,
  notes: StickyNote,
  calls: Phone,
  emails: Mail,
  meetings: CalendarDays,
  tasks: SquareCheckBig,
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
  tasks: "Tasks are the to-dos you plan on your records. Add one from a record's timeline with its Task button.",
};

// objectAbout says in one sentence what an object is for (empty states).
export function objectAbout(object: ObjectDef): string {
  return about[object.id] ?? `${object.plural} are records you defined yourself.`;
}

// isActivity says whether an object is one of the activity types (notes,
// calls, emails, meetings, tasks): work logged on records' timelines, not
// records to associate from cards, pair settings or bulk actions.
export function isActivity(object: ObjectDef): boolean {
  return !!object.activityDate;
}

// hasIndexPage says whether an object's records are listed on an index page
// (and found by search): every object's but the activities', except tasks
// (the backend's ObjectDef.Indexed).
export function hasIndexPage(object: ObjectDef): boolean {
  return !isActivity(object) || object.id === BuiltInObject.Tasks;
}
