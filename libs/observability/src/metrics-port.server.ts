import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { APP_CONFIG, ConfigError, type AppConfig } from '@excon/config';
import { MetricsService } from './metrics.service';

/**
 * EXCON_METRICS_PORT: `/metrics` without a token on a port of its own (for a Prometheus inside the
 * deployment's network), in any process role, the worker-only one included. Started when the
 * application boots, closed when it has shut down. Nothing else is served there.
 */
@Injectable()
export class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsPortServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** The bound port (EXCON_METRICS_PORT=0 picks a free one), or null when there is none. */
  get port(): number | null {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const wanted = this.config.metricsPort;
    if (wanted === null) return;
    const server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') reject(new ConfigError('EXCON_METRICS_PORT', `${wanted} is already in use`));
        else if (error.code === 'EACCES') reject(new ConfigError('EXCON_METRICS_PORT', `${wanted} may not be opened by this user`));
        else reject(error);
      });
      server.listen(wanted, () => resolve());
    });
    server.on('error', (error) => this.logger.warn(`metrics port: ${error.message}`));
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics')
      return void res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: this port serves /metrics only\n');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return void res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
    try {
      const text = await this.metrics.render();
      res.writeHead(200, { 'Content-Type': this.metrics.contentType });
      res.end(req.method === 'HEAD' ? undefined : text);
    } catch (error) {
      this.logger.error(`metrics port: rendering failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Metrics could not be rendered\n');
    }
  }
}
