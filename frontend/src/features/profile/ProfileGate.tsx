import type { ReactNode } from 'react';

// ProfileGate asks for the user's name on first launch (placeholder: passes through).
export function ProfileGate({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
