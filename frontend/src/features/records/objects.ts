import { Building2, Handshake, Ticket, Users, type LucideIcon } from 'lucide-react';

// The built-in objects as the navigation and empty states present them.
export interface ObjectMeta {
  id: 'contacts' | 'companies' | 'deals' | 'tickets';
  singular: string;
  plural: string;
  icon: LucideIcon;
  about: string;
}

export const builtInObjects: ObjectMeta[] = [
  {
    id: 'contacts',
    singular: 'contact',
    plural: 'Contacts',
    icon: Users,
    about: 'Contacts are the people you work with: customers, leads and colleagues.',
  },
  {
    id: 'companies',
    singular: 'company',
    plural: 'Companies',
    icon: Building2,
    about: 'Companies are the organisations your contacts work for.',
  },
  {
    id: 'deals',
    singular: 'deal',
    plural: 'Deals',
    icon: Handshake,
    about: 'Deals track the sales you are working on, from first call to signed contract.',
  },
  {
    id: 'tickets',
    singular: 'ticket',
    plural: 'Tickets',
    icon: Ticket,
    about: 'Tickets track the questions and problems your customers bring to you.',
  },
];
