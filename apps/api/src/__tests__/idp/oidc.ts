import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

export interface OidcClientSpec {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
}

export interface OidcIdp {
  /** The provider's issuer (http://127.0.0.1:<port>), what an owner types into Waymark. */
  issuer: string;
  /** Answer the token endpoint from a provider with the same issuer and clients but other keys. */
  impostorToken(on: boolean): Promise<void>;
  close(): Promise<void>;
}

const SCRIPT = path.join(__dirname, 'oidc-idp.mjs');

/**
 * A real OpenID provider (oidc-provider) in a child process on a free port. `shortCodeClients`
 * get authorization codes that live one second.
 */
export function startOidcIdp(clients: OidcClientSpec[], options: { shortCodeClients?: string[] } = {}): Promise<OidcIdp> {
  const child: ChildProcess = fork(SCRIPT, [], {
    env: { ...process.env, OIDC_IDP_CLIENTS: JSON.stringify(clients), OIDC_IDP_SHORT_CODE_CLIENTS: JSON.stringify(options.shortCodeClients ?? []), NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ask = (message: object) =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the test OpenID provider exited (${code}): ${stderr}`)));
    child.once('message', (message: { ready?: { issuer: string } }) => {
      if (!message.ready) return reject(new Error('the test OpenID provider did not start'));
      child.removeAllListeners('exit');
      resolve({
        issuer: message.ready.issuer,
        impostorToken: (on) => ask({ impostorToken: on }),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
