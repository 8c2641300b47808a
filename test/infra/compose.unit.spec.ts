/**
 * Issue 23, point 6: no Docker engine runs in CI, so the county's compose file is checked by reading it: it parses,
 * what it wires together exists (services, the store's nodes, nginx's upstream, the env file), and every service and
 * test the election-day runbook names is real.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/server.js';

interface Service {
  image?: string;
  environment?: Record<string, string>;
  env_file?: { path: string; required?: boolean }[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: string | number };
  healthcheck?: { test: string[] };
  volumes?: string[];
}
const infra = path.join(repoRoot, 'infra');
const read = (file: string) => readFileSync(file, 'utf8');
// Compose reads YAML merge keys (`<<: *backend`), which js-yaml leaves off unless asked.
const compose = load(read(path.join(infra, 'compose.yaml')), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const names = Object.keys(services);
const runbook = read(path.join(repoRoot, 'docs/runbook-election-day.md'));

describe('infra/compose.yaml', () => {
  it('has the cluster the README describes: three KurrentDB nodes, Redis, the backends, nginx', () => {
    expect(names.sort()).toEqual(['backend', 'kurrent1', 'kurrent2', 'kurrent3', 'nginx', 'redis']);
  });

  it("points every backend at services that exist: the store's three nodes and Redis", () => {
    const env = services.backend!.environment!;
    // kurrentdb://host:port,host:port,…?options — several hosts, which WHATWG URL does not parse.
    const hosts = /^kurrentdb:\/\/([^/?]+)/.exec(env.TALLYROOM_STORE!)![1]!;
    const nodes = hosts.split(',').map((h) => h.split(':')[0]);
    expect(env.TALLYROOM_STORE).toMatch(/^kurrentdb:\/\//);
    expect(nodes).toEqual(['kurrent1', 'kurrent2', 'kurrent3']);
    expect(names).toContain(new URL(env.REDIS_URL!).hostname);
    for (const dependency of Object.keys(services.backend!.depends_on!)) expect(names).toContain(dependency);
    for (const node of ['kurrent1', 'kurrent2', 'kurrent3']) {
      const seeds = services[node]!.environment!.KURRENTDB_GOSSIP_SEED!.split(',').map((s) => s.split(':')[0]);
      expect(seeds).toEqual(['kurrent1', 'kurrent2', 'kurrent3']);
      expect(services[node]!.environment!.KURRENTDB_NODE_IP).toBe(node);
      const volume = services[node]!.volumes![0]!.split(':')[0]!;
      expect(Object.keys(compose.volumes)).toContain(volume);
    }
  });

  it('runs N backends, two unless TALLYROOM_BACKENDS says otherwise, checked for readiness', () => {
    expect(String(services.backend!.deploy!.replicas)).toBe('${TALLYROOM_BACKENDS:-2}');
    expect(services.backend!.healthcheck!.test.join(' ')).toContain('/api/ready');
    expect(services.nginx!.depends_on).toEqual({ backend: { condition: 'service_healthy' } });
  });

  it('starts each backend with the young generation its district day was measured with, as the benchmark does', async () => {
    const command = (services.backend as Service & { command: string[] }).command;
    expect(command).toEqual(['node', '--max-semi-space-size=64', 'backend/dist/main.js']);
    // Part 9 of the benchmark reads the flags from here rather than keeping a copy.
    const { countyNodeArgs } = (await import(path.join(repoRoot, 'test/bench/lib.mjs'))) as {
      countyNodeArgs: () => string[];
    };
    expect(countyNodeArgs()).toEqual(['--max-semi-space-size=64']);
    expect(read(path.join(infra, 'README.md'))).toContain('node --max-semi-space-size=64 backend/dist/main.js');
  });

  it('reads the operator token and the shared secret from an env file whose example names them', () => {
    const envFile = services.backend!.env_file!.map((f) => f.path);
    expect(envFile).toEqual(['./tallyroom.env']);
    const example = read(path.join(infra, 'tallyroom.env.example'));
    const keys = example
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]);
    expect(keys).toEqual(['TALLYROOM_OPERATOR_TOKEN', 'TALLYROOM_SECRET', 'TALLYROOM_PUBLIC_URL']);
    // Each is a setting the backend reads, as the operations guide's table lists them.
    const operations = read(path.join(repoRoot, 'docs/operations.md'));
    for (const key of keys) expect(operations, key).toContain(`| \`${key}\` |`);
    // The real file never goes into git.
    expect(read(path.join(repoRoot, '.gitignore')).split('\n')).toContain('infra/tallyroom.env');
    // Nothing secret is written into the compose file itself.
    expect(Object.keys(services.backend!.environment!)).not.toContain('TALLYROOM_OPERATOR_TOKEN');
  });

  it("sends nginx's upstream to the backend service on the port the backends listen on", () => {
    const conf = read(path.join(infra, 'nginx/nginx.conf'));
    const upstream = [...conf.matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)].map((m) => [m[1], m[2]]);
    expect(upstream).toEqual([['backend', '3000']]);
    expect(services.backend!.environment!.PORT ?? '3000').toBe('3000');
    expect(conf).toMatch(/ip_hash;/);
    const mounted = services.nginx!.volumes!.map((v) => v.split(':')[0]);
    expect(mounted).toEqual(['./nginx/nginx.conf']);
  });
});

describe('docs/runbook-election-day.md', () => {
  it('names only services the compose file has', () => {
    // `docker compose <verb> [--flag [value]] <service>`, and `--scale <service>=N`.
    const valued = new Set(['--since', '--tail', '--index']);
    const named: string[] = [];
    for (const [command] of runbook.matchAll(/docker compose [^`\n|]*/g)) {
      const words = command.trim().split(/\s+/).slice(2);
      const verb = words.shift();
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w === '--scale') named.push(words[++i]!.split('=')[0]!);
        else if (valued.has(w)) i++;
        else if (!w.startsWith('-')) {
          if (['logs', 'exec', 'up', 'restart', 'stop', 'start'].includes(verb!)) named.push(w);
          break;
        }
      }
    }
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const service of named) expect(names, `the runbook names "${service}"`).toContain(service);
    for (const service of names) expect(runbook, `the runbook says nothing of ${service}`).toContain(`\`${service}\``);
  });

  it('cites tests that exist', () => {
    const cited = [...new Set([...runbook.matchAll(/`((?:test|backend)\/[\w/.-]+\.spec\.ts)`/g)].map((m) => m[1]!))];
    expect(cited.length).toBeGreaterThanOrEqual(8);
    for (const file of cited) expect(existsSync(path.join(repoRoot, file)), file).toBe(true);
    for (const failure of ['A backend fails', 'Redis fails', 'KurrentDB loses a node', 'The disk fills'])
      expect(runbook).toContain(`## ${failure}`);
  });
});
