/**
 * A small TCP proxy for the flaky-network test: forwards loopback connections
 * to a target port, and on command cuts every connection it carries (both
 * sides, at once, as a dropped Wi-Fi link would) — now, or as the answer to
 * the next command starts back — or refuses new ones for a while.
 */
import net from 'node:net';

export class FlakyProxy {
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private down = false;
  private armed = false;
  readonly stats = { accepted: 0, refused: 0, cut: 0, swallowed: 0 };

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<FlakyProxy> {
    // No client can connect before listen() resolves, so `proxy` exists by the time a connection arrives.
    const server = net.createServer((client) => proxy.accept(client, targetPort));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const proxy = new FlakyProxy(server, (server.address() as net.AddressInfo).port);
    return proxy;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  private accept(client: net.Socket, targetPort: number) {
    if (this.down) {
      this.stats.refused++;
      client.destroy();
      return;
    }
    this.stats.accepted++;
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    // Armed: the next command request is delivered whole, and the link drops as its answer starts back.
    let doomed = false;
    client.on('data', (chunk: Buffer) => {
      if (this.armed && /^POST \/api\/meetings\/[^/ ]+\/commands /.test(chunk.toString('latin1', 0, 200))) {
        this.armed = false;
        doomed = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (doomed) {
        this.stats.swallowed++;
        this.cut();
        return;
      }
      client.write(chunk);
    });
  }

  /**
   * Drops every connection when the answer to the next command request
   * starts back: the server has handled (and committed) the command, its
   * sender never gets the answer.
   */
  cutBeforeNextAnswer() {
    this.armed = true;
  }

  /** Drops every connection now; with `downMs`, new connections are refused for that long. */
  cut(downMs = 0) {
    this.stats.cut += this.pairs.size;
    for (const [a, b] of [...this.pairs]) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    this.pairs.clear();
    if (downMs > 0) {
      this.down = true;
      setTimeout(() => {
        this.down = false;
      }, downMs).unref();
    }
  }

  async close() {
    this.cut();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
