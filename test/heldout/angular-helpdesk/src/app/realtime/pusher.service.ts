import { Injectable, OnDestroy, NgZone } from '@angular/core';
import { BehaviorSubject, Observable } from 'rxjs';
import Pusher, { Channel } from 'pusher-js';
import * as CryptoJS from 'crypto-js';
import { environment } from '../../environments/environment';

export type ConnectionState = 'initialized' | 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected';

@Injectable({ providedIn: 'root' })
export class PusherService implements OnDestroy {
  private readonly state$ = new BehaviorSubject<ConnectionState>('initialized');
  private readonly watchdog: ReturnType<typeof setInterval>;

  // ok: connection-leak
  // ok: client-side-authorization
  readonly client = new Pusher(environment.pusher.key, {
    cluster: environment.pusher.cluster,
    channelAuthorization: {
      endpoint: `${environment.apiUrl}/pusher/auth`,
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) => {
        const stringToSign = `${socketId}:${channelName}`;
        // ruleid: client-side-authorization @clientSigning
        const signature = CryptoJS.HmacSHA256(stringToSign, environment.pusher.secret).toString(CryptoJS.enc.Hex);
        callback(null, { auth: `${environment.pusher.key}:${signature}` });
      },
    },
  });

  constructor(private readonly zone: NgZone) {
    this.client.connection.bind('state_change', ({ current }: { current: ConnectionState }) => {
      this.zone.run(() => this.state$.next(current));
    });

    this.client.connection.bind('failed', () => {
      // ruleid: reconnection-misuse @retriesFatalClose
      this.client.connect();
    });

    // ruleid: reconnection-misuse @reconnectLoop
    this.watchdog = setInterval(() => {
      if (this.client.connection.state === 'unavailable') {
        this.client.connect();
      }
    }, 15_000);
  }

  get connectionState(): Observable<ConnectionState> {
    return this.state$.asObservable();
  }

  channel(name: string): Channel {
    return this.client.channel(name) ?? this.client.subscribe(name);
  }

  ngOnDestroy(): void {
    clearInterval(this.watchdog);
    this.client.disconnect();
  }
}
