// The one module that talks to the Go side. Components import from here and
// never touch window.go or the generated bindings directly.
import * as Shell from '../wailsjs/go/app/Shell';
import * as SettingsService from '../wailsjs/go/app/Settings';
import { EventsOn } from '../wailsjs/runtime/runtime';
import { toAppError } from './errors';

export type Theme = 'system' | 'light' | 'dark';

export interface Problem {
  code: string;
  message: string;
  field?: string;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  problem?: Problem | null;
}

export interface Settings {
  theme: Theme;
}

// call turns every rejection into an AppError.
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (reason) {
    throw toAppError(reason);
  }
}

export const backend = {
  info: () => call<AppInfo>(() => Shell.Info()),
  quit: () => call(() => Shell.Quit()),
  getSettings: () => call(() => SettingsService.Get() as Promise<Settings>),
  saveSettings: (s: Settings) => call(() => SettingsService.Save(s) as Promise<Settings>),
};

// Events the Go side emits (see app/lifecycle.go and app/menu.go).
export type MenuCommand = 'search' | 'settings';

export function onMenu(handler: (command: MenuCommand) => void): () => void {
  return subscribe('app:menu', handler);
}

export function onSecondInstance(handler: (args: string[]) => void): () => void {
  return subscribe('app:second-instance', handler);
}

function subscribe<T>(name: string, handler: (payload: T) => void): () => void {
  // Outside the app (unit tests) there is no Wails runtime to listen to.
  if (!(window as unknown as { runtime?: unknown }).runtime) return () => {};
  return EventsOn(name, handler as (...data: unknown[]) => void);
}
