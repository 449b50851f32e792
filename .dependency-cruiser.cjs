/**
 * Layer rules, checked by `npm test` (the `depcruise` step) and by test/layers.test.ts.
 * The core and the checks speak no SDK: every SDK, driver or transport lives in an
 * adapter folder, and only src/main.ts knows every adapter.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-package',
      comment:
        'src/core and src/checks import no npm package (no SDK, no driver): put it in an adapter and declare a port in src/core.',
      severity: 'error',
      from: { path: '(^|/)src/(core|checks)/' },
      to: {
        dependencyTypes: [
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-bundled',
          'npm-no-pkg',
          'npm-unknown',
          'unknown',
          'undetermined',
        ],
      },
    },
    {
      name: 'core-imports-only-core',
      comment: 'src/core imports only src/core; src/checks imports only src/core and src/checks.',
      severity: 'error',
      from: { path: '(^|/)src/(core|checks)/' },
      to: { path: '(^|/)src/', pathNot: '(^|/)src/(core|checks)/' },
    },
    {
      name: 'core-not-into-checks',
      severity: 'error',
      from: { path: '(^|/)src/core/' },
      to: { path: '(^|/)src/checks/' },
    },
    {
      name: 'channels-stay-apart',
      comment: 'One channel never imports another: share through src/core view models.',
      severity: 'error',
      from: { path: '(?:^|/)src/channels/([^/]+)/' },
      to: { path: '(?:^|/)src/channels/[^/]+/', pathNot: '(?:^|/)src/channels/$1/' },
    },
    {
      name: 'azure-sdk-only-in-azure',
      comment: 'Only src/azure imports @azure/*.',
      severity: 'error',
      from: { path: '(^|/)src/', pathNot: '(^|/)src/azure/' },
      to: { path: 'node_modules/@azure/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
