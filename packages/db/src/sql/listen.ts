import pg from 'pg';

/** The channels the database NOTIFYs on a commit that leaves work for the worker. */
export type WakeChannel = 'waymark_outbox' | 'waymark_account_mail';

/** A LISTEN connection: ending it stops the notifications. */
export interface Listener {
  end(): Promise<void>;
}

/**
 * Opens a connection of its own (not the pool's: it stays open to be told) and LISTENs on
 * `channel`, calling `notified` at each NOTIFY. LISTEN is not a statement about any table, so it is
 * not the builder's; it is sent here because only the layer sends text to a connection. `lost` is
 * called if the connection fails later, so the caller can poll until it opens another.
 */
export async function listenFor(url: string, channel: WakeChannel, notified: () => void, lost: (error: Error) => void): Promise<Listener> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', lost);
  await client.connect();
  client.on('notification', notified);
  await client.query(`listen ${channel}`);
  return client;
}
