import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account } from 'oidc-provider';

/** A person the test identity provider knows. */
export interface DirectoryEntry {
  preferredUsername?: string;
  name?: string;
  email?: string;
}

export interface IdentityProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** People by subject (`sub`): the login typed into the provider's form, with any password. */
  directory: Record<string, DirectoryEntry>;
  /**
   * OIDC Core 5.4: with an access token issued, claims asked for by scope go to the UserInfo endpoint
   * only (oidc-provider's default, true). False puts them in the ID token too.
   */
  conformIdTokenClaims?: boolean;
  /** How the client must authenticate at the token endpoint; HTTP Basic unless stated. */
  tokenAuth?: 'client_secret_basic' | 'client_secret_post';
}

export interface IdentityProvider {
  issuer: string;
  close(): Promise<void>;
}

/**
 * An OpenID Connect provider (oidc-provider) on 127.0.0.1 and an ephemeral port, with its development
 * login form. Consent is never asked: every sign-in is granted `openid email profile`.
 */
export async function startIdentityProvider(
  options: IdentityProviderOptions,
): Promise<IdentityProvider> {
  // Listening first: the issuer URL the provider is built with names the port.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: options.tokenAuth ?? 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    conformIdTokenClaims: options.conformIdTokenClaims ?? true,
    cookies: { keys: ['identity-provider-test-key'] },
    // Keys and lifetimes of its own, so the provider does not warn about its quick-start defaults.
    jwks: { keys: [signingKey()] },
    ttl: { AccessToken: 600, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    features: { devInteractions: { enabled: true } },
    findAccount(_ctx, id): Promise<Account | undefined> {
      const entry = options.directory[id];
      if (!entry) return Promise.resolve(undefined);
      return Promise.resolve({
        accountId: id,
        claims: () =>
          Promise.resolve({
            sub: id,
            ...(entry.preferredUsername === undefined
              ? {}
              : { preferred_username: entry.preferredUsername }),
            ...(entry.name === undefined ? {} : { name: entry.name }),
            ...(entry.email === undefined ? {} : { email: entry.email }),
          }),
      });
    },
    async loadExistingGrant(ctx) {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        accountId: session.accountId,
        clientId: client.clientId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function signingKey(): JsonWebKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' };
}
