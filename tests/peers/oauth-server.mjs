// A real OAuth 2.0 authorization server (the npm package oidc-provider, which nobody on this team
// wrote) for Switchboard's outbound-auth tests. Started by the tests, bound to 127.0.0.1 only:
//
//   node oauth-server.mjs PORT SHORT_TTL_SECONDS
//
// Clients (client_secret_basic):
//   switchboard / switchboard-secret      client_credentials grant, tokens live 600 s
//   short-lived / short-lived-secret      client_credentials grant, tokens live SHORT_TTL_SECONDS
//   resource-server / resource-secret     may only introspect (the protected API stand-in)
// Endpoints: /token, /token/introspection, /token/revocation, and GET /test/issued, which
// answers {"switchboard": N, ...}: access tokens issued per client so far. Prints "listening PORT"
// when ready; stops when stdin closes.
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const shortTtl = Number(process.argv[3] ?? 2);
if (!Number.isInteger(port) || port <= 0 || !Number.isInteger(shortTtl) || shortTtl <= 0) {
  console.error('usage: node oauth-server.mjs PORT SHORT_TTL_SECONDS');
  process.exit(2);
}

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'switchboard',
      client_secret: 'switchboard-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'crm.read',
    },
    {
      client_id: 'short-lived',
      client_secret: 'short-lived-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      client_id: 'resource-server',
      client_secret: 'resource-secret',
      grant_types: [],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  scopes: ['crm.read'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    // Only the protected API may introspect; a client may revoke only its own tokens.
    introspection: { enabled: true, allowedPolicy: async (ctx, client) => client.clientId === 'resource-server' },
    revocation: { enabled: true, allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId },
  },
  ttl: { ClientCredentials: (ctx, token, client) => (client.clientId === 'short-lived' ? shortTtl : 600) },
});

const issued = { switchboard: 0, 'short-lived': 0 };
provider.on('grant.success', (ctx) => {
  const id = ctx.oidc.client.clientId;
  issued[id] = (issued[id] ?? 0) + 1;
});
provider.use(async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === '/test/issued') {
    ctx.body = issued;
    return;
  }
  await next();
});

const server = provider.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The test owns this process: when it closes stdin (or dies), stop.
process.stdin.on('end', stop);
process.stdin.resume();
