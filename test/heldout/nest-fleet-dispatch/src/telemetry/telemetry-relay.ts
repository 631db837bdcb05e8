import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Pusher from 'pusher';
import PusherClient from 'pusher-js/node';
import { PUSHER } from '../pusher/pusher.module';
import { TelemetryStore, type Ping } from './telemetry.store';

/**
 * Driver apps send `client-ping` events (battery, signal, app version) on a private channel.
 * Client events never reach the REST API, so this worker listens on a socket of its own and
 * stores them. It runs next to the API, where the app secret lives, and signs its own
 * subscription with the server SDK.
 */
@Injectable()
export class TelemetryRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TelemetryRelay.name);
  private client?: PusherClient;

  constructor(
    private readonly config: ConfigService,
    @Inject(PUSHER) private readonly pusher: Pusher,
    private readonly store: TelemetryStore,
  ) {}

  onModuleInit(): void {
    // ok: client-side-authorization
    // ok: connection-leak
    // ok: hardcoded-credentials
    const client = new PusherClient(this.config.getOrThrow<string>('PUSHER_KEY'), {
      cluster: this.config.get<string>('PUSHER_CLUSTER', 'eu'),
      channelAuthorization: {
        endpoint: '/pusher/auth',
        transport: 'ajax',
        customHandler: ({ socketId, channelName }, callback) => {
          // ok: client-side-authorization
          callback(null, this.pusher.authorizeChannel(socketId, channelName));
        },
      },
    });

    client.connection.bind('error', (err: any) => {
      const code = err?.error?.data?.code ?? err?.data?.code;
      this.logger.warn(`telemetry relay connection error (code ${code ?? 'n/a'}), reconnecting`);
      // ruleid: reconnection-misuse @retriesFatalClose
      client.connect();
    });

    // ok: connection-leak
    const channel = client.subscribe('private-telemetry-ingest');
    channel.bind('client-ping', (ping: Ping, meta?: { user_id?: string }) => {
      this.store.record({ ...ping, receivedAt: new Date(), reportedBy: meta?.user_id }).catch((e) =>
        this.logger.error('could not store ping', e),
      );
    });

    this.client = client;
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}
