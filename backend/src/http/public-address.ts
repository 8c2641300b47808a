import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import type { ServerInfo } from '@tallyroom/contracts';
import { CONFIG, type Config } from '../config.js';

/**
 * Interfaces that are rarely the hall's network: containers, virtual machines
 * and VPNs. They come after the others, so a laptop running Docker still
 * offers its Wi-Fi address first.
 */
const VIRTUAL = /^(docker|br-|veth|virbr|vboxnet|vmnet|vethernet|zt|tailscale|utun|tun|tap|wg|lxc|lxd|cni|flannel)/i;

type Interfaces = Record<string, NetworkInterfaceInfo[] | undefined>;

/** Every non-internal IPv4 address of this machine, the hall's likely network first (os order otherwise). */
export function lanAddresses(interfaces: Interfaces = networkInterfaces()): string[] {
  const real: string[] = [];
  const virtual: string[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' || a.internal) continue;
      (VIRTUAL.test(name) ? virtual : real).push(a.address);
    }
  }
  return [...real, ...virtual];
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);
const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);
const hostPart = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * The address other devices in the hall open links with: TALLYROOM_PUBLIC_URL
 * when set (a reverse proxy, a name in the hall's DNS), else the first LAN
 * address of this machine with the listening port when the server listens on
 * every interface, else the one address it listens on. A server that listens
 * only on loopback cannot be reached by phones at all; `reachable` says so.
 */
export function publicAddress(
  config: Pick<Config, 'TALLYROOM_PUBLIC_URL' | 'HOST'>,
  port: number,
  interfaces?: Interfaces,
): ServerInfo {
  const lan = WILDCARD.has(config.HOST) ? lanAddresses(interfaces).map((a) => `http://${a}:${port}`) : [];
  if (config.TALLYROOM_PUBLIC_URL)
    return {
      publicUrl: config.TALLYROOM_PUBLIC_URL.replace(/\/+$/, ''),
      source: 'setting',
      addresses: lan,
      reachable: true,
    };
  if (WILDCARD.has(config.HOST)) {
    return lan.length > 0
      ? { publicUrl: lan[0]!, source: 'detected', addresses: lan, reachable: true }
      : { publicUrl: `http://127.0.0.1:${port}`, source: 'loopback', addresses: [], reachable: false };
  }
  const bound = `http://${hostPart(config.HOST)}:${port}`;
  return isLoopback(config.HOST)
    ? { publicUrl: bound, source: 'loopback', addresses: [], reachable: false }
    : { publicUrl: bound, source: 'bound', addresses: [bound], reachable: true };
}

/** The server's public address, known once it listens (PORT=0 picks the port then). */
@Injectable()
export class PublicAddress {
  private port: number;
  constructor(@Inject(CONFIG) private readonly config: Config) {
    this.port = config.PORT;
  }

  listening(port: number) {
    this.port = port;
  }

  /** Read on every call: a laptop that joins the hall's Wi-Fi after start-up gets its new address in the links. */
  info(): ServerInfo {
    return publicAddress(this.config, this.port);
  }

  /** The base every link starts with, e.g. http://192.168.1.23:3000. */
  base(): string {
    return this.info().publicUrl;
  }
}
