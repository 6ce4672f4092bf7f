import { createServer, Server, Socket, connect } from 'node:net';

export type OutageMode = 'refuse' | 'blackhole';

/**
 * A TCP forwarder between the API and MySQL, so a test can take "the database" away without
 * touching the shared server:
 * - `down('refuse')`: every open connection is cut and the port stops listening (what clients see
 *   when mysqld stops: connection lost, then ECONNREFUSED);
 * - `down('blackhole')`: every open connection is cut and new ones are accepted but never answered
 *   (a network partition or a hung host: only time-outs help);
 * - `up()`: forwards again on the same port.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private mode: 'up' | OutageMode = 'up';
  port = 0;
  /** Client connections accepted while up (a rough count of how often the pool reconnected). */
  connectionsForwarded = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('proxy has no port');
    this.port = address.port;
    return this.port;
  }

  get state(): 'up' | OutageMode {
    return this.mode;
  }

  async down(mode: OutageMode = 'refuse'): Promise<void> {
    this.mode = mode;
    if (mode === 'refuse' && this.server) {
      const server = this.server;
      this.server = null;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      this.cutAll();
      await closed;
    } else {
      this.cutAll();
      if (!this.server) await this.start(this.port); // from refusing to accepting-and-ignoring
    }
  }

  async up(): Promise<void> {
    this.cutAll(); // blackholed sockets: the clients will time out or see them close
    this.mode = 'up';
    if (!this.server) await this.start(this.port);
  }

  async stop(): Promise<void> {
    this.cutAll();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'blackhole') return; // accepted, never answered
    if (this.mode !== 'up') {
      client.destroy();
      return;
    }
    this.connectionsForwarded++;
    const upstream = connect(this.target.port, this.target.host);
    this.track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
