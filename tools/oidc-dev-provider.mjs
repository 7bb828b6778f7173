// A small OpenID Connect provider for the demo and the tests (oidc-provider, loopback only).
// NOT for production: accounts live in this file (or a JSON file), keys are made at start.
//
//   node tools/oidc-dev-provider.mjs [--port 3001] [--client-id varn] [--client-secret …]
//                                   [--redirect-uri http://localhost:3000/api/auth/oidc/callback]
//                                   [--accounts accounts.json]
//
// Environment instead of flags: OIDC_DEV_PORT, OIDC_DEV_CLIENT_ID, OIDC_DEV_CLIENT_SECRET,
// OIDC_DEV_REDIRECT_URIS (comma separated), OIDC_DEV_ACCOUNTS. The accounts file is read again at
// every sign-in, so a test (or a person trying the demo) can change someone's groups between two
// sign-ins. When it is ready it prints one line: "oidc-dev-provider ready <issuer>".
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    accounts: { type: 'string' },
  },
});

const port = Number(args.port ?? process.env.OIDC_DEV_PORT ?? 3001);
// loopback only: this provider signs anyone in who knows the demo password
const host = args.host ?? process.env.OIDC_DEV_HOST ?? '127.0.0.1';
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
  console.error('oidc-dev-provider listens on loopback only (127.0.0.1, ::1 or localhost)');
  process.exit(2);
}
const issuer = `http://${host === '::1' ? '[::1]' : host}:${port}`;
const clientId = args['client-id'] ?? process.env.OIDC_DEV_CLIENT_ID ?? 'varn';
const clientSecret =
  args['client-secret'] ?? process.env.OIDC_DEV_CLIENT_SECRET ?? 'varn-dev-client-secret';
const redirectUris = args['redirect-uri'] ??
  process.env.OIDC_DEV_REDIRECT_URIS?.split(',').map((s) => s.trim()) ?? [
    'http://localhost:3000/api/auth/oidc/callback',
  ];
const accountsFile = args.accounts ?? process.env.OIDC_DEV_ACCOUNTS;

/** Password of every built-in demo account. */
export const DEMO_SSO_PASSWORD = 'kommun-sso-2026';

/**
 * The built-in demo accounts. Their groups are what the demo's OIDC_ROLE_MAP (tools/demo.mjs)
 * maps onto Värn roles and demo units; `amr` is what the provider says about how they signed in
 * (['pwd', 'otp'] = a second factor at the IdP, which Värn can be configured to trust).
 */
const BUILT_IN = {
  'sso.medarbetare': {
    name: 'Nils Åberg',
    email: 'nils.aberg@kommun.example',
    groups: ['varn-medarbetare-parkering'],
  },
  'sso.handlaggare': {
    name: 'Petra Lindgren',
    email: 'petra.lindgren@kommun.example',
    groups: ['varn-handlaggare'],
  },
  'sso.chef': {
    name: 'Göran Falk',
    email: 'goran.falk@kommun.example',
    groups: ['varn-chef-trafik'],
  },
  'sso.admin': {
    name: 'Yasmin Karimi',
    email: 'yasmin.karimi@kommun.example',
    groups: ['varn-admin'],
    amr: ['pwd', 'otp'],
  },
  'sso.utan.roll': {
    name: 'Olle Utan Roll',
    email: 'olle@kommun.example',
    groups: ['kommunens-intranat'],
  },
};

/** { username: { name, email, groups, amr?, password? } } — the file when given, else BUILT_IN. */
function accounts() {
  if (!accountsFile) return BUILT_IN;
  return JSON.parse(readFileSync(accountsFile, 'utf8'));
}

function account(username) {
  const a = Object.hasOwn(accounts(), username) ? accounts()[username] : undefined;
  return a ? { username, ...a } : null;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  // a new secret per start: an old demo cookie at the IdP simply stops working
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  scopes: ['openid', 'profile', 'email', 'groups'],
  claims: {
    sid: null,
    iss: null,
    // how the person signed in (amr: ['pwd', 'otp'] = a second factor) goes with every ID token
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  // the groups claim in the ID token itself (as Entra ID and Keycloak can be set up to do), so
  // Värn needs no userinfo call; Värn falls back to userinfo when a provider does not do this
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // first-party client: consent is implied, so the flow is login → back to Värn
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile email groups');
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, sub) {
    if (!account(sub)) return undefined;
    return {
      accountId: sub,
      // read at token time, so a change to the accounts file counts at the next sign-in
      async claims() {
        const a = account(sub);
        return {
          sub,
          name: a?.name,
          preferred_username: sub,
          email: a?.email,
          groups: a?.groups ?? [],
        };
      },
    };
  },
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, IdToken: 300 },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Fel', `<p>${esc(out.error)}: ${esc(out.error_description ?? '')}</p>`);
  },
});
provider.proxy = false;

const esc = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

function page(title, body) {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#a4000f}.note{color:#555;font-size:.9rem}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}</style></head>
<body><main>${body}</main></body></html>`;
}

function loginForm(uid, error, username = '') {
  const names = Object.keys(accounts())
    .map((n) => `<code>${esc(n)}</code>`)
    .join(', ');
  return page(
    'Kommunens inloggning (demo)',
    `<h1>Kommunens inloggning</h1>
<p class="note">Demo-identitetsleverantör för Värn. Konton: ${names}. Lösenord: <code>${DEMO_SSO_PASSWORD}</code>.</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="username">Användarnamn</label>
<input id="username" name="username" autocomplete="username" required value="${esc(username)}">
<label for="password">Lösenord</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Logga in</button>
</form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button type="submit">Avbryt</button></form>`,
  );
}

async function readForm(req) {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(raw);
}

function send(res, status, html) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(html);
}

/** The interaction pages (login form); everything else is the provider's own endpoints. */
async function interactions(req, res) {
  const url = new URL(req.url, issuer);
  const m = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(url.pathname);
  if (!m) return false;
  const [, uid, step] = m;
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    send(res, 400, page('Fel', '<p>Inloggningen har gått ut. Börja om från Värn.</p>'));
    return true;
  }
  if (details.uid !== uid) {
    send(res, 400, page('Fel', '<p>Fel inloggningsförsök. Börja om från Värn.</p>'));
    return true;
  }
  if (req.method === 'GET' && !step) {
    send(res, 200, loginForm(uid, null));
    return true;
  }
  if (req.method === 'POST' && step === 'abort') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'Användaren avbröt inloggningen',
    });
    return true;
  }
  if (req.method === 'POST' && step === 'login') {
    const form = await readForm(req);
    const username = (form.get('username') ?? '').trim().toLowerCase();
    const a = account(username);
    const password = a?.password ?? DEMO_SSO_PASSWORD;
    if (!a || form.get('password') !== password) {
      send(res, 200, loginForm(uid, 'Fel användarnamn eller lösenord.', username));
      return true;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: username, amr: a.amr ?? ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
    return true;
  }
  send(res, 405, page('Fel', '<p>Metoden stöds inte.</p>'));
  return true;
}

const callback = provider.callback();
const server = createServer((req, res) => {
  interactions(req, res)
    .then((handled) => {
      if (!handled) callback(req, res);
    })
    .catch((err) => {
      console.error(err);
      if (!res.headersSent) send(res, 500, page('Fel', '<p>Internt fel.</p>'));
    });
});
server.listen(port, host, () => {
  console.log(`oidc-dev-provider ready ${issuer}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
