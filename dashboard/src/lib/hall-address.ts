import { useCallback, useEffect, useState } from 'react';
import type { ServerInfo } from '@tallyroom/contracts';

/**
 * The address phones in the hall open links with. The server knows its own
 * (TALLYROOM_PUBLIC_URL, else the LAN address it detects: GET /api/server) and
 * builds every link on it; the chair may choose another on this device (the
 * laptop has several networks, or the projector's hotspot is not the first),
 * and every link and QR code this device shows is then rebuilt on that one.
 */
const OVERRIDE_KEY = 'tallyroom:hall-address';

let info: Promise<ServerInfo | null> | undefined;

/** GET /api/server, once per page; null when the server does not answer (the page's own origin is used then). */
export function serverInfo(): Promise<ServerInfo | null> {
  info ??= fetch('/api/server')
    .then((r) => (r.ok ? (r.json() as Promise<ServerInfo>) : null))
    .catch(() => null);
  return info;
}

export function readOverride(): string | null {
  try {
    return window.localStorage.getItem(OVERRIDE_KEY);
  } catch {
    return null;
  }
}

/** An address as a secretary types it ("192.168.1.23:3000", "http://hall.local/") made into an origin, or null. */
export function normaliseAddress(input: string): string | null {
  const raw = input.trim();
  if (!raw) return null;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Whether a page is open through an address only this computer can use. */
export const isLocalHost = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\./.test(hostname);

/**
 * A server link rebuilt on `base`: a link on the server's own public address (`serverBase`, which may carry a
 * path behind a proxy) has that prefix replaced; any other (`/m/…#t=…`, another origin) keeps its path and fragment.
 */
export function hallLink(link: string, base: string, serverBase?: string): string {
  const to = base.replace(/\/+$/, '');
  const from = serverBase?.replace(/\/+$/, '');
  if (from && link.startsWith(`${from}/`)) return `${to}${link.slice(from.length)}`;
  const u = new URL(link, window.location.origin);
  return `${to}${u.pathname}${u.search}${u.hash}`;
}

export interface HallAddress {
  /** The base every link on this device starts with. */
  base: string;
  /** What the server says (null while loading or when it does not answer). */
  server: ServerInfo | null;
  /** The chair's choice on this device, if any. */
  override: string | null;
  setOverride(address: string | null): void;
  /** A link rebuilt on `base`. */
  link(link: string): string;
}

const listeners = new Set<() => void>();

export function useHallAddress(): HallAddress {
  const [server, setServer] = useState<ServerInfo | null>(null);
  const [override, setOverrideState] = useState<string | null>(() => readOverride());
  useEffect(() => {
    let live = true;
    void serverInfo().then((s) => {
      if (live) setServer(s);
    });
    const changed = () => setOverrideState(readOverride());
    listeners.add(changed);
    return () => {
      live = false;
      listeners.delete(changed);
    };
  }, []);
  const setOverride = useCallback((address: string | null) => {
    try {
      if (address) window.localStorage.setItem(OVERRIDE_KEY, address);
      else window.localStorage.removeItem(OVERRIDE_KEY);
    } catch {
      // Storage refused: the choice lasts as long as this page.
    }
    setOverrideState(address);
    for (const l of listeners) l();
  }, []);
  const base = override ?? server?.publicUrl ?? window.location.origin;
  const serverBase = server?.publicUrl;
  const link = useCallback((l: string) => hallLink(l, base, serverBase), [base, serverBase]);
  return { base, server, override, setOverride, link };
}
