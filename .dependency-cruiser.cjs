/**
 * The layers of functions/ and the directions they may import in (docs/architecture.md). Each folder's name says
 * what it may touch; imports only point down:
 *
 *   handlers/ → http/ → app/ → adapters/ → domain/ → model/ → kernel/
 *
 * (a layer may skip layers below it). `npm run lint` fails on any rule broken here, type-only imports included:
 * a type that crosses a wall couples the two sides as much as a value does.
 */
const FUNCTIONS = '^functions/';

/** A layer that may import only itself and the given layers below it. */
const layer = (name, below) => ({
  name: `${name}-imports-down`,
  comment: `functions/${name}/ may import only ${below.length ? below.map((l) => `${l}/`).join(', ') : 'itself'}`,
  severity: 'error',
  from: { path: `^functions/${name}/` },
  to: { path: FUNCTIONS, pathNot: [`^functions/(${[name, ...below].join('|')})/`] },
});

module.exports = {
  forbidden: [
    layer('kernel', []),
    layer('model', ['kernel']),
    layer('domain', ['kernel', 'model']),
    layer('adapters', ['domain', 'model', 'kernel']),
    layer('app', ['adapters', 'domain', 'model', 'kernel']),
    layer('http', ['app', 'adapters', 'domain', 'model', 'kernel']),
    {
      name: 'handlers-are-leaves',
      comment: 'a handler is an entry point: nothing imports it (shared logic goes to app/)',
      severity: 'error',
      from: { path: '^(functions|lib|bin|workflows)/' },
      to: { path: '^functions/handlers/' },
    },
    {
      name: 'handlers-load-their-own-routes',
      comment:
        "a handler takes its definition from its capability's routes, or from its operation's module under " +
        "routes/<capability>/ (escalations' handlers sit in requests/ and referrals/, re-routing's in referrals/), " +
        "so that its bundle holds no other capability's schemas",
      severity: 'error',
      from: { path: '^functions/handlers/([^/]+)/' },
      to: {
        path: '^functions/http/routes/',
        pathNot: [
          '^functions/http/routes/($1|escalations|reroutes|roles)\\.ts$',
          '^functions/http/routes/($1|escalations|reroutes)/[^/]+\\.ts$',
        ],
      },
    },
    {
      name: 'only-the-document-loads-every-route',
      comment:
        'the whole route table (lib/api/) is for the stack, the local gateway and the OpenAPI document',
      severity: 'error',
      from: { path: FUNCTIONS, pathNot: '^functions/handlers/system/openapi\\.ts$' },
      to: { path: '^lib/api/' },
    },
    {
      name: 'aws-sdk-in-adapters-only',
      comment:
        'the AWS SDK is reached through adapters/ (and the CDK code in lib/); the rest of functions/ is plain',
      severity: 'error',
      from: { path: FUNCTIONS, pathNot: '^functions/adapters/' },
      to: { path: '(^|/)node_modules/@aws-sdk/' },
    },
    {
      name: 'zod-mini-in-lambdas',
      comment:
        'Lambda code (functions/, and lib/api/ that the OpenAPI handler bundles) takes zod/mini and zod/v4/core: ' +
        'classic zod would add 60–70 KB to every bundle it reaches (docs/performance.md)',
      severity: 'error',
      from: { path: '^(functions|lib/api)/' },
      to: { path: '(^|/)node_modules/zod/(index\\.|v3/|v4/index\\.|v4/classic/)' },
    },
    {
      name: 'ids-from-the-kernel',
      comment:
        "ids come from kernel/ids.ts, which feeds the ulid package pooled random bytes: the package's own default " +
        'makes 16 one-byte random calls an id, about 75 µs (docs/performance.md)',
      severity: 'error',
      from: { path: '^(functions|lib|bin|workflows|bench)/', pathNot: '^functions/kernel/ids\\.ts$' },
      to: { path: '(^|/)node_modules/ulid/' },
    },
    {
      name: 'no-http-namespace-in-lambdas',
      comment:
        'Lambda code reaches node:http through require (functions/adapters/secrets/secrets-manager.ts): an import ' +
        "builds the module's namespace, whose WebSocket getter loads undici, 35 ms of every cold start (docs/performance.md)",
      severity: 'error',
      from: { path: '^(functions|lib/api)/' },
      to: {
        dependencyTypes: ['core'],
        dependencyTypesNot: ['type-only', 'type-import'],
        path: '^(node:)?http$',
      },
    },
    {
      name: 'no-circular',
      comment: 'modules of functions/ that import each other are one module in two files',
      severity: 'error',
      from: { path: FUNCTIONS },
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|\\.swcs)/' },
  },
};
