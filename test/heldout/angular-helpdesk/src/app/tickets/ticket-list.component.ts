import { Component, OnDestroy, OnInit } from '@angular/core';
import { Subscription } from 'rxjs';
import type { Channel } from 'pusher-js';
import { PusherService, ConnectionState } from '../realtime/pusher.service';
import { TicketsApi, TicketSummary } from './tickets.api';

@Component({
  selector: 'hd-ticket-list',
  templateUrl: './ticket-list.component.html',
})
export class TicketListComponent implements OnInit, OnDestroy {
  tickets: TicketSummary[] = [];
  state: ConnectionState = 'initialized';
  private readonly subscriptions = new Subscription();
  private channel?: Channel;

  constructor(private readonly realtime: PusherService, private readonly api: TicketsApi) {}

  private readonly onTicketChanged = (e: { id: string }) => {
    this.subscriptions.add(this.api.get(e.id).subscribe((t) => this.upsert(t)));
  };

  ngOnInit(): void {
    // ok: connection-leak
    this.subscriptions.add(this.realtime.connectionState.subscribe((s) => (this.state = s)));
    // ok: connection-leak
    this.subscriptions.add(this.api.list().subscribe((list) => (this.tickets = list)));

    // The queue channel is shared with the unread badge in the toolbar.
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    this.channel = this.realtime.client.subscribe('tickets');
    this.channel.bind('ticket-created', this.onTicketChanged);
    this.channel.bind('ticket-updated', this.onTicketChanged);
  }

  ngOnDestroy(): void {
    this.subscriptions.unsubscribe();
    this.channel?.unbind('ticket-created', this.onTicketChanged);
    this.channel?.unbind('ticket-updated', this.onTicketChanged);
  }

  private upsert(t: TicketSummary) {
    this.tickets = [t, ...this.tickets.filter((x) => x.id !== t.id)];
  }
}
