import { Module, type Provider } from '@nestjs/common';
import * as config from 'config';
import Pusher from 'pusher';

export const PUSHER = Symbol('PUSHER');

interface PusherConfig {
  appId: string;
  key: string;
  secret: string;
  cluster: string;
  encryptionMasterKeyBase64?: string;
}

/** Builds the SDK client from node-config (config/*.yml, overridden by env vars in production). */
export function createPusher(settings: PusherConfig = config.get<PusherConfig>('pusher')): Pusher {
  return new Pusher({
    appId: settings.appId,
    key: settings.key,
    // ok: hardcoded-credentials
    secret: settings.secret,
    cluster: settings.cluster,
    useTLS: true,
    encryptionMasterKeyBase64: settings.encryptionMasterKeyBase64,
  });
}

export const pusherProvider: Provider = { provide: PUSHER, useFactory: () => createPusher() };

@Module({ providers: [pusherProvider], exports: [pusherProvider] })
export class PusherModule {}
